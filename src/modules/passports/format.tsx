import type { FlatValue } from './document.js';
import type { FieldDef } from './fields.js';

const number = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 3 });

/** One data point for reading: the number with its unit, a list as a list, a passport as a link. */
export function FieldValue(props: { field: FieldDef; value: FlatValue }) {
  const { field, value } = props;
  switch (field.kind) {
    case 'quantity':
    case 'share':
      return <>{`${number(value as number)} ${field.unit}`}</>;
    case 'list':
      return (
        <ul class="plain-list">
          {(value as string[]).map((item) => (
            <li>{item}</li>
          ))}
        </ul>
      );
    case 'url':
      return <a href={String(value)}>{String(value)}</a>;
    case 'passport':
      return <a href={`/passports/${String(value)}`}>{String(value)}</a>;
    case 'longtext':
      return <p class="passport-text">{String(value)}</p>;
    case 'series': {
      const readings = value as [string, number][];
      return (
        <table class="data-table passport-readings">
          <caption class="visually-hidden">{field.label} readings</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">{`${field.label} (${field.unit})`}</th>
            </tr>
          </thead>
          <tbody>
            {readings.map(([date, v]) => (
              <tr>
                <td>{date}</td>
                <td>{number(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    default:
      return <>{String(value)}</>;
  }
}

/** The value as the back-office form's input shows it. */
export function inputValue(field: FieldDef, value: FlatValue | undefined): string {
  if (value === undefined) return '';
  if (field.kind === 'list') return (value as string[]).join('\n');
  return String(value);
}
