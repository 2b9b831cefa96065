import type { AnswerValue, GridResults } from '../../aggregate.js';
import type { LiveQuestion } from '../../service.js';
import { INK, MUTED, PALETTE } from '../common.js';

/**
 * The 2×2 grid as an SVG scatter: each item at its averages, a cross showing one standard
 * deviation on each scale, the quadrants split at the middle of the scales. Drawn with
 * presentation attributes only, so the same SVG stands alone as a download.
 */
export function Scatter(props: { results: GridResults; id: string; standalone?: boolean; title?: string }) {
  const { results } = props;
  const [xName, yName] = results.axes;
  const lo = 1;
  const hi = results.scaleMax;
  const top = props.title ? 22 : 12;
  const bottom = top + 116;
  // Plot area 12..188 across, `top`..`bottom` up, leaving room for the scale names.
  const px = (v: number) => 12 + ((v - lo) / (hi - lo)) * 176;
  const py = (v: number) => bottom - ((v - lo) / (hi - lo)) * 116;
  const mid = (lo + hi) / 2;
  const height = bottom + 22;
  return (
    <svg
      class="live-scatter"
      xmlns={props.standalone ? 'http://www.w3.org/2000/svg' : undefined}
      viewBox={`0 0 200 ${height}`}
      width={props.standalone ? '800' : undefined}
      height={props.standalone ? String(height * 4) : undefined}
      role="img"
      aria-labelledby={`grid-title-${props.id}`}
      font-family="system-ui, sans-serif"
    >
      <title id={`grid-title-${props.id}`}>{`Items placed by ${xName} (across) and ${yName} (up); the table gives the figures.`}</title>
      {props.standalone && <rect width="200" height={height} fill="#fff" />}
      {props.title && (
        <text x="4" y="10" font-size="5" font-weight="700" fill={INK}>
          {props.title}
        </text>
      )}
      <rect x="12" y={top} width="176" height="116" fill="#fff" stroke="#d5dce3" stroke-width="0.5" />
      <line x1={px(mid)} x2={px(mid)} y1={top} y2={bottom} stroke={MUTED} stroke-width="0.4" stroke-dasharray="2 2" />
      <line x1="12" x2="188" y1={py(mid)} y2={py(mid)} stroke={MUTED} stroke-width="0.4" stroke-dasharray="2 2" />
      <text x="188" y={bottom + 12} font-size="6" fill={MUTED} text-anchor="end">{`${xName} →`}</text>
      <text x="4" y={top} font-size="6" fill={MUTED} transform={`rotate(-90 4 ${top})`} text-anchor="end">{`${yName} →`}</text>
      <text x="12" y={bottom + 12} font-size="6" fill={MUTED}>{`${lo} (low)`}</text>
      <text x="10" y={top + 5} font-size="6" fill={MUTED} text-anchor="end">{hi}</text>
      {results.responses > 0 &&
        results.items.map((item, i) => (
          <g class="point" data-key={item.label}>
            <line x1={px(Math.max(lo, item.x - item.spreadX))} x2={px(Math.min(hi, item.x + item.spreadX))} y1={py(item.y)} y2={py(item.y)} stroke={PALETTE[i % 6]} stroke-width="0.6" opacity="0.6" />
            <line x1={px(item.x)} x2={px(item.x)} y1={py(Math.max(lo, item.y - item.spreadY))} y2={py(Math.min(hi, item.y + item.spreadY))} stroke={PALETTE[i % 6]} stroke-width="0.6" opacity="0.6" />
            <circle cx={px(item.x)} cy={py(item.y)} r="3" fill={PALETTE[i % 6]} />
            <text x={item.x > mid ? px(item.x) - 4 : px(item.x) + 4} y={py(item.y) - 4} font-size="5" fill={INK} text-anchor={item.x > mid ? 'end' : 'start'}>
              {item.label}
            </text>
          </g>
        ))}
    </svg>
  );
}

export function GridChart({ results, id }: { results: GridResults; id: number }) {
  const [xName, yName] = results.axes;
  const answered = results.responses > 0;
  return (
    <div class="live-gridchart">
      <Scatter results={results} id={String(id)} />
      <table class="live-grid live-grid-figures">
        <caption>Average position of each item (± spread)</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">{xName}</th>
            <th scope="col">{yName}</th>
          </tr>
        </thead>
        <tbody>
          {results.items.map((item) => (
            <tr>
              <th scope="row">{item.label}</th>
              <td>{answered ? `${item.x} ± ${item.spreadX}` : '–'}</td>
              <td>{answered ? `${item.y} ± ${item.spreadY}` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function GridFields(props: { question: LiveQuestion; previous: AnswerValue | null }) {
  const q = props.question;
  const prev = Array.isArray(props.previous) ? (props.previous as number[][]) : null;
  const middle = Math.ceil(q.scaleMax / 2);
  return (
    <>
      <p class="hint">
        Place each item on both scales, from 1 (low) to {q.scaleMax} (high).
      </p>
      {q.options.map((label, i) => (
        <fieldset class="live-grid-item">
          <legend>{label}</legend>
          {q.axes.map((axis, a) => {
            const id = `g-${q.id}-${i}-${a}`;
            const value = prev?.[i]?.[a] ?? middle;
            return (
              <div class="grid-slider">
                <label for={id}>{axis}</label>
                <input id={id} name={`${a === 0 ? 'x' : 'y'}_${i}`} type="range" min="1" max={String(q.scaleMax)} step="1" value={String(value)} aria-describedby={`${id}-scale`} />
                <output for={id} data-range-output>
                  {value}
                </output>
                <span class="visually-hidden" id={`${id}-scale`}>
                  1 is low, {q.scaleMax} is high
                </span>
              </div>
            );
          })}
        </fieldset>
      ))}
    </>
  );
}
