/** /admin/report and its reporting periods. Every chart has its table, every table its CSV. */
import { formatDate } from '../../lib/time.js';
import { ActionButton } from '../../web/admin.js';
import { CsrfField, ErrorSummary, Field } from '../../web/components/index.js';
import { BarChart, CountryMap, LineChart } from './charts.js';
import type { Period, Preset } from './period.js';
import { cellText } from './privacy.js';
import type { Report, ReportingPeriod, ReportTable } from './service.js';

const day = (d: string) => formatDate(`${d}T12:00:00.000Z`, 'UTC');
const periodQuery = (p: Period) => `from=${p.from}&to=${p.to}`;

function Chart(props: { table: ReportTable }) {
  if (!props.table.rows.length) return null;
  if (props.table.chart === 'bar') return <BarChart table={props.table} />;
  if (props.table.chart === 'line') return <LineChart table={props.table} />;
  if (props.table.chart === 'map') return <CountryMap table={props.table} />;
  return null;
}

function FigureTable(props: { table: ReportTable; period: Period }) {
  const { table } = props;
  return (
    <figure class="report-figure" id={table.id} aria-labelledby={`${table.id}-title`}>
      <figcaption id={`${table.id}-title`}>{table.caption}</figcaption>
      <Chart table={table} />
      <div class="table-scroll" role="region" aria-label={`${table.caption} (table)`} tabIndex={0}>
        <table class="data-table report-table">
          <caption class="visually-hidden">{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th scope="col" class={i ? 'num' : undefined}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 && (
              <tr>
                <td colSpan={table.columns.length}>Nothing in this period.</td>
              </tr>
            )}
            {table.rows.map((row) => (
              <tr>
                <th scope="row">{row.label}</th>
                {row.values.map((v) => (
                  <td class="num">{cellText(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="csv-link">
        <a href={`/admin/report/${table.id}.csv?${periodQuery(props.period)}`} download>
          CSV<span class="visually-hidden"> of {table.caption.toLowerCase()}</span>
        </a>
      </p>
    </figure>
  );
}

export interface ReportPageProps {
  report: Report | null;
  presets: Preset[];
  current?: string;
  values: { from?: string; to?: string };
  errors: Record<string, string>;
  canManagePeriods: boolean;
  projects?: string[];
}

function PeriodChoice(props: ReportPageProps) {
  return (
    <div class="report-controls">
      <nav aria-label="Periods">
        <ul class="report-presets">
          {props.presets.map((p) => (
            <li>
              <a href={`/admin/report?preset=${p.key}`} aria-current={props.current === p.key ? 'true' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
          {props.canManagePeriods && (
            <li>
              <a href="/admin/report/periods">Reporting periods…</a>
            </li>
          )}
        </ul>
      </nav>
      <ErrorSummary errors={props.errors} />
      <form method="get" action="/admin/report" class="filters report-period" novalidate>
        <Field name="from" label="First day" type="date" value={props.values.from} error={props.errors.from ?? props.errors.preset} required />
        <Field name="to" label="Last day" type="date" value={props.values.to} error={props.errors.to} required />
        <button type="submit">Show</button>
      </form>
    </div>
  );
}

export function ReportView(props: ReportPageProps) {
  const { report } = props;
  return (
    <div class="report">
      <PeriodChoice {...props} />
      {report && (
        <>
          <p class="lead report-period-line">
            From {day(report.period.from)} to {day(report.period.to)} (whole days, UTC), compared with {day(report.previous.from)} to {day(report.previous.to)}.
          </p>
          {report.scoped && <p class="notice">Only the events of your projects ({props.projects?.join(', ')}) are counted; the hub-wide figures are the coordinators'.</p>}
          <p class="small">
            Figures only, never a name: a figure about fewer than 5 people reads “fewer than 5”. Figures are kept for a minute.
          </p>
          <nav aria-label="Sections of the report" class="report-toc">
            <ul>
              {report.sections.map((s) => (
                <li>
                  <a href={`#section-${s.id}`}>{s.title}</a>
                </li>
              ))}
            </ul>
          </nav>
          {report.sections.map((s) => (
            <section class="report-section" id={`section-${s.id}`} aria-labelledby={`heading-${s.id}`}>
              <h2 id={`heading-${s.id}`}>{s.title}</h2>
              {s.note && <p>{s.note}</p>}
              {s.tables.map((t) => (
                <FigureTable table={t} period={report.period} />
              ))}
            </section>
          ))}
        </>
      )}
    </div>
  );
}

export function PeriodsView(props: { periods: ReportingPeriod[]; csrf: string; values?: Record<string, unknown>; errors?: Record<string, string> }) {
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  return (
    <>
      <p>
        The periods named here are offered on the <a href="/admin/report">report</a> beside this year and the last 12 months, e.g. the reporting periods of
        the hub's contract.
      </p>
      <table class="data-table">
        <caption class="visually-hidden">Reporting periods</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">First day</th>
            <th scope="col">Last day</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.periods.length === 0 && (
            <tr>
              <td colSpan={4}>No reporting periods yet.</td>
            </tr>
          )}
          {props.periods.map((p) => (
            <tr>
              <td>
                <a href={`/admin/report?preset=period-${p.id}`}>{p.name}</a>
              </td>
              <td>{day(p.from)}</td>
              <td>{day(p.to)}</td>
              <td>
                <ActionButton action={`/admin/report/periods/${p.id}/delete`} csrf={props.csrf} label={`Delete “${p.name}”`} small danger />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a reporting period</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/report/periods" novalidate>
        <CsrfField token={props.csrf} />
        <Field name="name" label="Name" value={values.name} error={errors.name} required maxLength={100} hint="For example “Reporting period 1 (M1–M18)”." />
        <Field name="from" label="First day" type="date" value={values.from} error={errors.from} required />
        <Field name="to" label="Last day" type="date" value={values.to} error={errors.to} required />
        <button type="submit">Add period</button>
      </form>
    </>
  );
}
