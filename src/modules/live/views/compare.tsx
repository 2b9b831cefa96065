import type { Results } from '../aggregate.js';
import { counted } from '../../../lib/plural.js';
import { compareResults } from '../compare.js';
import type { EarlierResults } from '../service.js';

/** A signed change with an arrow, for sighted readers; the sign alone carries it for everyone. */
function Change(props: { value: number | null }) {
  if (props.value === null) return <>–</>;
  if (props.value === 0) return <>±0</>;
  const up = props.value > 0;
  return (
    <span class={up ? 'live-up' : 'live-down'}>
      <span aria-hidden="true">{up ? '▲ ' : '▼ '}</span>
      {up ? '+' : '−'}
      {Math.abs(props.value)}
    </span>
  );
}

/** This question's figures beside those of the same question at an earlier event, with the change. */
export function Comparison(props: { earlier: EarlierResults; results: Results; id: number }) {
  const table = compareResults(props.earlier.results, props.results);
  if (!table) return null;
  return (
    <table class="live-grid live-compare" data-key={`compare-${props.id}`}>
      <caption>
        {table.measure}: now and at {props.earlier.eventTitle} ({counted(props.earlier.results.responses, 'response')} then)
      </caption>
      <thead>
        <tr>
          <th scope="col">
            <span class="visually-hidden">Option</span>
          </th>
          <th scope="col">Then</th>
          <th scope="col">Now</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr data-key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{row.before ?? '–'}</td>
            <td>{row.now ?? '–'}</td>
            <td>
              <Change value={row.change} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
