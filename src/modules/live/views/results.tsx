import type { ComponentChildren } from 'preact';
import { counted } from '../../../lib/plural.js';
import { renderToString } from 'preact-render-to-string';
import type { Results } from '../aggregate.js';
import type { Audience } from '../hub.js';
import type { EarlierResults, LiveQuestion } from '../service.js';
import { Comparison } from './compare.js';
import { ChoiceChart } from './question-types/choice.js';
import { GridChart } from './question-types/grid.js';
import { PointsChart } from './question-types/points.js';
import { QaList } from './question-types/qa.js';
import { RankingChart } from './question-types/ranking.js';
import { ScalesChart } from './question-types/scales.js';
import { TextList } from './question-types/text.js';
import { WordCloud } from './question-types/wordcloud.js';

/**
 * The chart of a question's results, server-rendered for every view (live, presenter, archive);
 * with the same question's results at an earlier event beside it when the question is linked to one.
 */
export function ResultsChart(props: { question: LiveQuestion; results: Results; audience: Audience; earlier?: EarlierResults | null }) {
  const { results } = props;
  let chart: ComponentChildren;
  switch (results.type) {
    case 'choice':
      // A quiz's answer is marked only once answers have closed.
      chart = <ChoiceChart results={props.question.state === 'closed' ? results : { ...results, correct: null }} />;
      break;
    case 'ranking':
      chart = <RankingChart results={results} />;
      break;
    case 'scales':
      chart = <ScalesChart results={results} />;
      break;
    case 'points':
      chart = <PointsChart results={results} />;
      break;
    case 'grid':
      chart = <GridChart results={results} id={props.question.id} />;
      break;
    case 'wordcloud':
      chart = <WordCloud results={results} />;
      break;
    case 'text':
      chart = <TextList results={results} />;
      break;
    case 'qa':
      chart = <QaList results={results} audience={props.audience} />;
      break;
  }
  return (
    <div class={`live-results live-${results.type}`}>
      {props.earlier ? (
        <div class="live-compare-layout">
          {chart}
          <Comparison earlier={props.earlier} results={results} id={props.question.id} />
        </div>
      ) : (
        chart
      )}
      <p class="small live-count">{results.type === 'qa' ? counted(results.responses, 'question') : counted(results.responses, 'response')}</p>
    </div>
  );
}

/**
 * The fragment the SSE stream carries for an audience; the presenter's stays hidden until the
 * moderator shows results. The comparison with an earlier event is for the big screen and the
 * moderator: a phone keeps to the question in hand.
 */
export function renderResultsFragment(question: LiveQuestion, results: Results, audience: Audience, earlier: EarlierResults | null = null): string {
  if (audience === 'present' && !question.resultsVisible) {
    return renderToString(
      <div class="live-results live-hidden">
        <p>Results are hidden for now.</p>
        <p class="small live-count">{counted(results.responses, 'response')}</p>
      </div>,
    );
  }
  return renderToString(<ResultsChart question={question} results={results} audience={audience} earlier={audience === 'participant' || audience === 'voted' ? null : earlier} />);
}
