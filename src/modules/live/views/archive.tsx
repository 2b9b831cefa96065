import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { counted } from '../../../lib/plural.js';
import { formatDate, formatTime, zoneAbbreviation } from '../../../lib/time.js';
import { QUESTION_TYPE_LABELS, type Results } from '../aggregate.js';
import type { ArchivedSession, LiveQuestion, LiveSession } from '../service.js';
import { INK, PALETTE } from './common.js';
import { Scatter } from './question-types/grid.js';
import { ResultsChart } from './results.js';

/** Rows of a bar chart for the SVG download: what each bar measures and the figure beside it. */
function barRows(results: Results): { label: string; value: number; max: number; figure: string }[] | null {
  switch (results.type) {
    case 'choice':
      return [...results.options, ...(results.uncertain ? [results.uncertain] : [])].map((o) => ({ label: o.label, value: o.percent, max: 100, figure: `${o.percent}% (${o.count})` }));
    case 'ranking': {
      const max = Math.max(1, results.responses * (results.items.length - 1));
      return results.items.map((i) => ({ label: i.label, value: i.points, max, figure: `${counted(i.points, 'point')}, mean rank ${i.meanRank || '–'}` }));
    }
    case 'scales':
      return results.statements.map((st) => ({ label: st.label, value: st.average, max: results.scaleMax, figure: `${st.average || '–'} / ${results.scaleMax}` }));
    case 'points': {
      const max = Math.max(1, ...results.options.map((o) => o.total));
      return results.options.map((o) => ({ label: o.label, value: o.total, max, figure: `${counted(o.total, 'point')} (average ${o.average})` }));
    }
    default:
      return null;
  }
}

/** A standalone SVG chart's white page with its title along the top. */
function SvgFrame(props: { width: number; height: number; title: string; children: ComponentChildren }) {
  const { width, height, title } = props;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${width} ${height}`} width={String(width)} height={String(height)} font-family="system-ui, sans-serif" role="img" aria-label={title}>
      <rect width={String(width)} height={String(height)} fill="#fff" />
      <text x="20" y="30" font-size="20" font-weight="700" fill={INK}>
        {title}
      </text>
      {props.children}
    </svg>
  );
}

/**
 * A question's chart as a standalone SVG file, for coordinators' reports: bars for choice,
 * ranking, scales and 100 points, the scatter for the 2×2 grid, the words sized by mentions for a
 * word cloud; null for open text and Q&A, which are lists rather than charts.
 */
export function chartSvg(question: LiveQuestion, results: Results): string | null {
  const title = `${question.prompt} (${counted(results.responses, 'response')})`;
  if (results.type === 'grid') return renderToString(<Scatter results={results} id={`q${question.id}`} standalone title={title} />);
  const width = 900;
  if (results.type === 'wordcloud') {
    const max = Math.max(1, ...results.words.map((w) => w.count));
    // Words flow left to right in lines; a character is about 0.6 of the font size wide.
    let x = 20;
    let y = 60;
    let lineHeight = 0;
    const placed = results.words.map((w) => {
      const size = 14 + Math.round((34 * w.count) / max);
      const wordWidth = w.word.length * size * 0.6;
      if (x + wordWidth > width - 20) {
        x = 20;
        y += lineHeight + 10;
        lineHeight = 0;
      }
      const at = { ...w, size, x, y: y + size };
      x += wordWidth + 16;
      lineHeight = Math.max(lineHeight, size);
      return at;
    });
    const height = y + lineHeight + 30;
    return renderToString(
      <SvgFrame width={width} height={height} title={title}>
        {placed.map((w) => (
          <text x={w.x.toFixed(0)} y={String(w.y)} font-size={String(w.size)} fill={w.count === max ? PALETTE[1] : PALETTE[0]}>
            {w.word}
            <title>{counted(w.count, 'mention')}</title>
          </text>
        ))}
      </SvgFrame>,
    );
  }
  const rows = barRows(results);
  if (!rows) return null;
  const rowHeight = 44;
  const height = 60 + rows.length * rowHeight + 10;
  return renderToString(
    <SvgFrame width={width} height={height} title={title}>
      {rows.map((row, i) => {
        const y = 60 + i * rowHeight;
        const bar = row.max > 0 ? Math.max(0, Math.min(1, row.value / row.max)) * 340 : 0;
        return (
          <g>
            <text x="20" y={String(y + 24)} font-size="15" fill={INK}>
              {row.label.length > 34 ? `${row.label.slice(0, 33)}…` : row.label}
            </text>
            <rect x="290" y={String(y + 6)} width="340" height="26" fill="#f3f6f8" />
            <rect x="290" y={String(y + 6)} width={bar.toFixed(1)} height="26" fill={PALETTE[0]} />
            <text x="640" y={String(y + 24)} font-size="14" font-weight="700" fill={INK}>
              {row.figure}
            </text>
          </g>
        );
      })}
    </SvgFrame>,
  );
}

/** Where a question's SVG chart is downloaded from (published with the archive). */
export const chartUrl = (session: LiveSession, question: LiveQuestion) => `/live/${session.code}/questions/${question.id}/chart.svg`;

/** Closed sessions of an event as static charts, for the event page. */
export function LiveArchive(props: { sessions: ArchivedSession[]; timezone: string }) {
  if (props.sessions.length === 0) return null;
  return (
    <section aria-labelledby="live-archive-heading" class="live-archive">
      <h2 id="live-archive-heading">Results of the interactive sessions</h2>
      {props.sessions.map(({ session, participants, questions }) => (
        <article aria-labelledby={`live-session-${session.id}`}>
          <h3 id={`live-session-${session.id}`}>{session.title}</h3>
          <p class="small">
            {counted(participants, 'participant')}
            {session.closedAt && ` · closed ${formatDate(session.closedAt, props.timezone)} ${formatTime(session.closedAt, props.timezone)} ${zoneAbbreviation(session.closedAt, props.timezone)}`}
          </p>
          {questions.map(({ question, results, earlier }) => (
            <figure class="live-archive-question">
              <figcaption>
                <strong>{question.prompt}</strong> <span class="small">({QUESTION_TYPE_LABELS[question.type]})</span>
              </figcaption>
              <ResultsChart question={question} results={results} audience="participant" earlier={earlier} />
              {barRows(results) !== null || results.type === 'grid' || results.type === 'wordcloud' ? (
                <a href={chartUrl(session, question)} download>
                  Download this chart (SVG)<span class="visually-hidden">: {question.prompt}</span>
                </a>
              ) : null}
            </figure>
          ))}
        </article>
      ))}
    </section>
  );
}
