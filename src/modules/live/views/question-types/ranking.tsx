import type { AnswerValue, RankingResults } from '../../aggregate.js';
import { counted } from '../../../../lib/plural.js';
import type { LiveQuestion } from '../../service.js';
import { BarItem } from '../common.js';

export function RankingChart({ results }: { results: RankingResults }) {
  const n = results.items.length;
  const maxPoints = Math.max(1, results.responses * (n - 1));
  const maxCell = Math.max(1, ...results.items.flatMap((i) => i.positions));
  return (
    <div class="live-ranking">
      <ol class="live-bars">
        {results.items.map((item) => (
          <BarItem label={item.label} value={item.points} max={maxPoints}>
            {counted(item.points, 'point')} <span class="small">(mean rank {item.meanRank || '–'})</span>
          </BarItem>
        ))}
      </ol>
      <table class="live-grid">
        <caption>How often each item was placed at each position</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            {results.items[0]?.positions.map((_, p) => <th scope="col">{ordinal(p + 1)}</th>)}
          </tr>
        </thead>
        <tbody>
          {results.items.map((item) => (
            <tr>
              <th scope="row">{item.label}</th>
              {item.positions.map((count) => (
                <td class={`heat-${Math.ceil((5 * count) / maxCell)}`}>{count}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function rankingFromAnswer(value: AnswerValue | null, n: number): (number | null)[] {
  const positions: (number | null)[] = new Array(n).fill(null);
  if (Array.isArray(value)) (value as number[]).forEach((item, p) => (positions[item] = p + 1));
  return positions;
}

/**
 * The ranking's form fields: one position drop-down per item, which work without JavaScript and
 * with the keyboard. The script (live-answer.js) puts a tap-in-order and drag list on top and
 * keeps these fields in step with it, so the same form is sent either way.
 */
export function RankingFields(props: { question: LiveQuestion; previous: AnswerValue | null }) {
  const q = props.question;
  const positions = rankingFromAnswer(props.previous, q.options.length);
  return (
    <fieldset class="live-ranking-fields" data-ranking>
      <legend class="visually-hidden">{q.prompt}</legend>
      <p class="hint" data-ranking-hint>
        Give each item a different position: 1 is the most important.
      </p>
      <div data-ranking-selects>
        {q.options.map((label, i) => (
          <div class="rank-row">
            <label for={`r-${q.id}-${i}`}>{label}</label>
            <select id={`r-${q.id}-${i}`} name={`rank_${i}`} required data-item={label}>
              <option value="">Position…</option>
              {q.options.map((_, p) => (
                <option value={String(p + 1)} selected={positions[i] === p + 1}>
                  {p + 1}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
