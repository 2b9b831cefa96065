import { describe, expect, it } from 'vitest';
import { aggregate, applyAnswer, blockedWordIn, checkAnswer, leaderboard, quizScore, emptyTally, normaliseWord, type QaEntry, type QuestionShape, sortQa, summarise, UNCERTAIN } from './aggregate.js';

const shape = (over: Partial<QuestionShape>): QuestionShape => ({ type: 'choice', options: ['A', 'B', 'C'], multi: false, uncertainLabel: null, scaleMax: 5, budget: 100, axes: ['Effort', 'Impact'], correct: null, ...over });

describe('choice results', () => {
  it('counts options and keeps "uncertain" apart from the percentages', () => {
    const q = shape({ uncertainLabel: 'Uncertain' });
    const r = aggregate(q, [[0], [0], [1], [UNCERTAIN], [UNCERTAIN]]);
    expect(r).toEqual({
      type: 'choice',
      responses: 5,
      options: [
        { label: 'A', count: 2, percent: 66.7 },
        { label: 'B', count: 1, percent: 33.3 },
        { label: 'C', count: 0, percent: 0 },
      ],
      uncertain: { label: 'Uncertain', count: 2, percent: 40 },
      correct: null,
    });
  });

  it('counts every option of a multiple answer against the respondents', () => {
    const r = aggregate(shape({ multi: true }), [[0, 1], [1, 2], [1]]);
    if (r.type !== 'choice') throw new Error('type');
    expect(r.options.map((o) => [o.count, o.percent])).toEqual([[1, 33.3], [3, 100], [1, 33.3]]);
    expect(r.uncertain).toBeNull();
  });
});

describe('ranking results', () => {
  const q = shape({ type: 'ranking', options: ['Funding', 'Skills', 'Regulation', 'Trade'] });
  it('gives Borda points, mean rank and the position grid', () => {
    const r = aggregate(q, [
      [0, 1, 2, 3],
      [0, 2, 1, 3],
      [1, 0, 2, 3],
    ]);
    if (r.type !== 'ranking') throw new Error('type');
    expect(r.items).toEqual([
      { label: 'Funding', points: 3 + 3 + 2, meanRank: 1.33, positions: [2, 1, 0, 0] },
      { label: 'Skills', points: 2 + 1 + 3, meanRank: 2, positions: [1, 1, 1, 0] },
      { label: 'Regulation', points: 1 + 2 + 1, meanRank: 2.67, positions: [0, 1, 2, 0] },
      { label: 'Trade', points: 0, meanRank: 4, positions: [0, 0, 0, 3] },
    ]);
  });
});

describe('scales results', () => {
  it('averages and distributes each statement', () => {
    const q = shape({ type: 'scales', options: ['X', 'Y'], scaleMax: 5 });
    const r = aggregate(q, [[1, 5], [3, 5], [5, 4]]);
    if (r.type !== 'scales') throw new Error('type');
    expect(r.statements).toEqual([
      { label: 'X', average: 3, distribution: [1, 0, 1, 0, 1] },
      { label: 'Y', average: 4.67, distribution: [0, 0, 0, 1, 2] },
    ]);
  });
});

describe('word cloud', () => {
  it('normalises case, punctuation, spaces and simple plurals', () => {
    expect(normaliseWord('  Recycling! ')).toBe('recycling');
    expect(normaliseWord('Batteries')).toBe('battery');
    expect(normaliseWord('SKILLS')).toBe('skill');
    expect(normaliseWord('process')).toBe('process');
    expect(normaliseWord('State-aid')).toBe('state aid');
    expect(normaliseWord('“Lithium”')).toBe('lithium');
  });

  it('counts normalised words, most frequent first', () => {
    const q = shape({ type: 'wordcloud', options: [] });
    const values = [['Skills', 'funding'], ['skill'], ['Funding!', 'permits']].map((words) => {
      const c = checkAnswer(q, { words });
      if (!c.ok) throw new Error(c.reason);
      return c.value;
    });
    const r = aggregate(q, values);
    if (r.type !== 'wordcloud') throw new Error('type');
    expect(r.words).toEqual([
      { word: 'funding', count: 2 },
      { word: 'skill', count: 2 },
      { word: 'permit', count: 1 },
    ]);
  });
});

describe('open text and Q&A', () => {
  it('lists texts newest first', () => {
    const r = aggregate(shape({ type: 'text', options: [] }), ['first', 'second']);
    expect(r).toEqual({ type: 'text', responses: 2, texts: ['second', 'first'] });
  });

  it('sorts Q&A by upvotes, hides hidden and pending ones from the audience', () => {
    const e = (id: number, upvotes: number, state: QaEntry['state']): QaEntry => ({ id, text: `q${id}`, upvotes, state, createdAt: `2024-01-01T00:00:0${id}Z` });
    const entries = [e(1, 2, 'approved'), e(2, 5, 'approved'), e(3, 9, 'hidden'), e(4, 7, 'pending'), e(5, 8, 'answered'), e(6, 2, 'approved')];
    expect(sortQa(entries, { includePending: false }).map((x) => x.id)).toEqual([2, 1, 6, 5]);
    expect(sortQa(entries, { includePending: true }).map((x) => x.id)).toEqual([2, 1, 6, 4, 5]);
  });
});

describe('running totals', () => {
  it('a changed answer withdraws the old value and adds the new one', () => {
    const q = shape({ type: 'ranking', options: ['A', 'B'] });
    const tally = emptyTally(q);
    applyAnswer(tally, q, [0, 1], 1);
    applyAnswer(tally, q, [0, 1], -1);
    applyAnswer(tally, q, [1, 0], 1);
    expect(summarise(q, tally)).toEqual(aggregate(q, [[1, 0]]));
    expect(tally.version).toBe(3);
  });
});

describe('checkAnswer refuses bad input', () => {
  it.each([
    [shape({}), { choices: [0, 1] }, 'only one'],
    [shape({}), { choices: [7] }, 'not part'],
    [shape({}), { uncertain: true }, 'no “uncertain”'],
    [shape({}), { choices: [] }, 'at least one'],
    [shape({ type: 'ranking' }), { ranking: [0, 0, 1] }, 'different position'],
    [shape({ type: 'ranking' }), { ranking: [0, 1, 9] }, 'not part'],
    [shape({ type: 'ranking' }), { ranking: [0, 1] }, 'Rank all 3'],
    [shape({ type: 'scales', scaleMax: 5 }), { scales: [1, 6, 2] }, 'from 1 to 5'],
    [shape({ type: 'scales', scaleMax: 5 }), { scales: [1, 2.5, 2] }, 'Rate each'],
    [shape({ type: 'text', options: [] }), { text: 'x'.repeat(1001) }, 'at most 1000'],
    [shape({ type: 'wordcloud', options: [] }), { words: ['a', 'b', 'c', 'd'] }, 'at most 3'],
    [shape({ type: 'wordcloud', options: [] }), { words: ['!!!'] }, 'at least one'],
  ])('%#', (q, raw, reason) => {
    const c = checkAnswer(q, raw);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.reason).toContain(reason);
  });
});

describe('quiz scoring', () => {
  it('gives a correct answer 1000 points at once, falling to 500 at the time limit, and a wrong one nothing', () => {
    expect(quizScore(true, 0, 20)).toBe(1000);
    expect(quizScore(true, 10_000, 20)).toBe(750);
    expect(quizScore(true, 20_000, 20)).toBe(500);
    expect(quizScore(true, 25_000, 20)).toBe(500);
    expect(quizScore(true, 15_000, null)).toBe(750);
    expect(quizScore(false, 0, 20)).toBe(0);
  });

  it('ranks participants by their summed points, first joined first on a tie, and keeps the top ten', () => {
    const answers = Array.from({ length: 12 }, (_, i) => ({ participantId: i + 1, nickname: i === 0 ? null : `P${i + 1}`, correct: true, elapsedMs: i * 1000, timerSeconds: 20 }));
    answers.push({ participantId: 12, nickname: 'P12', correct: true, elapsedMs: 0, timerSeconds: 20 });
    const board = leaderboard(answers);
    expect(board).toHaveLength(10);
    expect(board[0]).toEqual({ rank: 1, nickname: 'P12', score: 725 + 1000, correct: 2 });
    expect(board[1]).toEqual({ rank: 2, nickname: 'Anonymous 1', score: 1000, correct: 1 });
  });
});

describe('blocked words', () => {
  it('finds blocked words and phrases as whole words, folded like word cloud entries', () => {
    const blocked = ['idiot', 'bad idea'];
    expect(blockedWordIn('You IDIOTS!', blocked)).toBe('idiot');
    expect(blockedWordIn('What a bad   idea.', blocked)).toBe('bad idea');
    expect(blockedWordIn('An idiotic plan', blocked)).toBeNull();
    expect(blockedWordIn(['trade', 'idiot'], blocked)).toBe('idiot');
    expect(blockedWordIn(['bad', 'idea'], blocked)).toBeNull();
    expect(blockedWordIn('anything', [])).toBeNull();
  });
});
