/**
 * The report's charts, drawn on the server as SVG from the same rows as the table beside them; a hidden group
 * ("fewer than 5") gets no bar, only its words. Colours keep 3:1 against the page.
 */
import { baseMap, ISO_NUMERIC, MAP_HEIGHT, MAP_WIDTH } from '../synergies/service.js';
import type { ReportTable } from './figures.js';
import { cellText, drawable } from './privacy.js';

const BAR = { width: 560, label: 190, row: 28, bar: 18, gap: 8, font: 13 };
const MAX_LABEL = 28;

const shorten = (text: string, max = MAX_LABEL): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Horizontal bars of the table's first value column. */
export function BarChart(props: { table: ReportTable }) {
  const { rows } = props.table;
  const max = Math.max(1, ...rows.map((r) => drawable(r.values[0]) ?? 0));
  const span = BAR.width - BAR.label - 70;
  const height = rows.length * BAR.row + BAR.gap;
  return (
    <svg viewBox={`0 0 ${BAR.width} ${height}`} width="100%" class="report-chart bar-chart" role="img" aria-label={`Bar chart: ${props.table.caption}. The table below gives the figures.`}>
      {rows.map((row, i) => {
        const n = drawable(row.values[0]);
        const y = i * BAR.row + BAR.gap;
        const w = n === null ? 0 : Math.max(n > 0 ? 2 : 0, Math.round((n / max) * span));
        return (
          <g>
            <text x={BAR.label - 8} y={y + BAR.bar - 4} text-anchor="end" font-size={BAR.font}>
              {shorten(row.label)}
            </text>
            <rect x={BAR.label} y={y} width={w} height={BAR.bar} class={n === null ? 'hidden-group' : 'bar'} />
            <text x={BAR.label + w + 6} y={y + BAR.bar - 4} font-size={BAR.font} class="value">
              {cellText(row.values[0])}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

const LINE = { width: 560, height: 220, left: 56, right: 16, top: 12, bottom: 36, font: 13 };

/** A line over time (month by month), with the top and middle of the scale marked. */
export function LineChart(props: { table: ReportTable }) {
  const { rows } = props.table;
  const values = rows.map((r) => drawable(r.values[0]));
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const plotW = LINE.width - LINE.left - LINE.right;
  const plotH = LINE.height - LINE.top - LINE.bottom;
  const x = (i: number) => LINE.left + (rows.length > 1 ? (i / (rows.length - 1)) * plotW : plotW / 2);
  const y = (v: number) => LINE.top + plotH - (v / max) * plotH;
  const points = values.flatMap((v, i) => (v === null ? [] : [`${x(i).toFixed(1)},${y(v).toFixed(1)}`]));
  const every = Math.max(1, Math.ceil(rows.length / 6));
  return (
    <svg viewBox={`0 0 ${LINE.width} ${LINE.height}`} width="100%" class="report-chart line-chart" role="img" aria-label={`Line chart: ${props.table.caption}. The table below gives the figures.`}>
      {[0, max / 2, max].map((v) => (
        <g>
          <line x1={LINE.left} x2={LINE.width - LINE.right} y1={y(v)} y2={y(v)} class="grid" />
          <text x={LINE.left - 6} y={y(v) + 4} text-anchor="end" font-size={LINE.font}>
            {Math.round(v).toLocaleString('en')}
          </text>
        </g>
      ))}
      {points.length > 1 && <polyline points={points.join(' ')} class="line" fill="none" />}
      {values.map((v, i) => v !== null && <circle cx={x(i)} cy={y(v)} r="3.5" class="dot" />)}
      {rows.map(
        (row, i) =>
          i % every === 0 && (
            <text x={x(i)} y={LINE.height - 12} text-anchor="middle" font-size={LINE.font}>
              {row.label}
            </text>
          ),
      )}
    </svg>
  );
}

const SHADES = ['#e6f2f4', '#b4dbe2', '#6fb7c4', '#2f8799', '#0b5d6b'];

/** Europe shaded by participants per country (the synergies map's drawing); hidden groups take the lightest shade. */
export function CountryMap(props: { table: ReportTable }) {
  const map = baseMap();
  const byNumeric = new Map(Object.entries(ISO_NUMERIC).map(([alpha, numeric]) => [numeric, alpha]));
  const byCountry = new Map(props.table.rows.map((r) => [r.country, r.values[0]]));
  const max = Math.max(1, ...props.table.rows.map((r) => drawable(r.values[0]) ?? 0));
  const shade = (n: number | null | undefined) => {
    if (n === undefined) return '#f3f6f8';
    if (n === null) return SHADES[0];
    return SHADES[Math.min(SHADES.length - 1, Math.floor((n / max) * (SHADES.length - 1) + 0.5))];
  };
  return (
    <svg viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} width="100%" class="report-chart europe-map" role="img" aria-label={`Map of Europe: ${props.table.caption}, darker for more. The table below gives the figures.`}>
      <rect width={MAP_WIDTH} height={MAP_HEIGHT} class="sea" />
      <g class="countries">
        {map.countries.map((c) => {
          const alpha = byNumeric.get(c.id);
          const cell = alpha ? byCountry.get(alpha) : undefined;
          return (
            <path d={c.d} fill={shade(cell === undefined ? undefined : drawable(cell))}>
              {cell !== undefined && <title>{`${c.name}: ${cellText(cell)}`}</title>}
            </path>
          );
        })}
      </g>
    </svg>
  );
}
