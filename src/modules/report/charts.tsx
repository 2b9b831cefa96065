/**
 * The report's charts, drawn on the server as SVG from the same rows as the table beside them; a hidden group
 * ("fewer than 5") gets no bar, only its words. Colours keep 3:1 against the page.
 */
import { baseMap, ISO_NUMERIC, MAP_HEIGHT, MAP_WIDTH } from '../synergies/service.js';
import type { ReportTable } from './figures.js';
import { cellText, drawable } from './privacy.js';

const BAR = { width: 400, row: 46, label: 17, bar: 14, font: 15 };
const MAX_LABEL = 52;

const shorten = (text: string, max = MAX_LABEL): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The top of a scale: 1, 2 or 5 times a power of ten, so the marks read as round numbers. */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((step) => step * power >= max) ?? 10) * power;
}

/** Horizontal bars of the table's first value column, each label above its bar so long names keep a readable size. */
export function BarChart(props: { table: ReportTable }) {
  const { rows } = props.table;
  const max = Math.max(1, ...rows.map((r) => drawable(r.values[0]) ?? 0));
  const span = BAR.width - 90;
  const height = rows.length * BAR.row;
  return (
    <svg viewBox={`0 0 ${BAR.width} ${height}`} width="100%" class="report-chart bar-chart" role="img" aria-label={`Bar chart: ${props.table.caption}. The table below gives the figures.`}>
      {rows.map((row, i) => {
        const n = drawable(row.values[0]);
        const y = i * BAR.row;
        const w = n === null ? 0 : Math.max(n > 0 ? 2 : 0, Math.round((n / max) * span));
        return (
          <g>
            <text x="0" y={y + BAR.label} font-size={BAR.font}>
              {shorten(row.label)}
            </text>
            <rect x="0" y={y + BAR.label + 5} width={w} height={BAR.bar} class="bar" />
            <text x={w + 6} y={y + BAR.label + 5 + BAR.bar - 2} font-size={BAR.font} class="value">
              {cellText(row.values[0])}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

const LINE = { width: 400, height: 200, left: 52, right: 28, top: 12, bottom: 32, font: 14 };

/** A line over time (month by month), with the bottom, middle and top of a round scale marked. */
export function LineChart(props: { table: ReportTable }) {
  const { rows } = props.table;
  const values = rows.map((r) => drawable(r.values[0]));
  const max = niceMax(Math.max(0, ...values.map((v) => v ?? 0)));
  const plotW = LINE.width - LINE.left - LINE.right;
  const plotH = LINE.height - LINE.top - LINE.bottom;
  const x = (i: number) => LINE.left + (rows.length > 1 ? (i / (rows.length - 1)) * plotW : plotW / 2);
  const y = (v: number) => LINE.top + plotH - (v / max) * plotH;
  const points = values.flatMap((v, i) => (v === null ? [] : [`${x(i).toFixed(1)},${y(v).toFixed(1)}`]));
  const every = Math.max(1, Math.ceil(rows.length / 4));
  const marks = max >= 2 ? [0, max / 2, max] : [0, max];
  return (
    <svg viewBox={`0 0 ${LINE.width} ${LINE.height}`} width="100%" class="report-chart line-chart" role="img" aria-label={`Line chart: ${props.table.caption}. The table below gives the figures.`}>
      {marks.map((v) => (
        <g>
          <line x1={LINE.left} x2={LINE.width - LINE.right} y1={y(v)} y2={y(v)} class="grid" />
          <text x={LINE.left - 6} y={y(v) + 4} text-anchor="end" font-size={LINE.font}>
            {v.toLocaleString('en')}
          </text>
        </g>
      ))}
      {points.length > 1 && <polyline points={points.join(' ')} class="line" fill="none" />}
      {values.map((v, i) => v !== null && <circle cx={x(i)} cy={y(v)} r="3" class="dot" />)}
      {rows.map(
        (row, i) =>
          i % every === 0 && (
            <text x={x(i)} y={LINE.height - 10} text-anchor="middle" font-size={LINE.font}>
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
