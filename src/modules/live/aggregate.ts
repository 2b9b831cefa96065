/**
 * Answer rules and result arithmetic for live questions, free of I/O so that every figure on the
 * big screen can be checked on known answers. The same `applyAnswer` fold serves a full recount
 * from the database and the running totals the vote path keeps in memory.
 */

export const QUESTION_TYPES = ['choice', 'quiz', 'ranking', 'scales', 'points', 'grid', 'wordcloud', 'text', 'qa'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  choice: 'Multiple choice',
  quiz: 'Quiz (one correct answer, scored)',
  ranking: 'Ranking',
  scales: 'Scales',
  points: '100 points',
  grid: '2×2 grid',
  wordcloud: 'Word cloud',
  text: 'Open text',
  qa: 'Questions from the audience (Q&A)',
};

/** What the arithmetic needs to know about a question. */
export interface QuestionShape {
  type: QuestionType;
  /** Choice options, ranking items or scale statements. */
  options: string[];
  multi: boolean;
  /** Label of the "uncertain / skip" answer, counted apart; null when the question has none. */
  uncertainLabel: string | null;
  scaleMax: number;
  /** 100 points: the budget each person shares out. */
  budget: number;
  /** 2×2 grid: names of the horizontal and vertical scales (for example impact and effort). */
  axes: [string, string];
  /** Quiz: index of the correct option. */
  correct: number | null;
}

export const DEFAULT_BUDGET = 100;

export const LIMITS = {
  options: 12,
  optionLength: 200,
  words: 3,
  wordLength: 40,
  textLength: 1000,
  qaLength: 500,
} as const;

/** Stored choice value meaning "uncertain / skip". */
export const UNCERTAIN = -1;

/**
 * An answer as stored (JSON in `live_answers.value`):
 * choice → option indices, or [UNCERTAIN]; ranking → item indices from first to last;
 * scales → one value per statement; points → points per option (summing to the budget);
 * grid → one [x, y] pair per item; wordcloud → normalised words; text → the text.
 */
export type AnswerValue = number[] | number[][] | string[] | string;

export type Checked = { ok: true; value: AnswerValue } | { ok: false; reason: string };

const refuse = (reason: string): Checked => ({ ok: false, reason });

function isIndexList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => Number.isInteger(v));
}

/**
 * Checks a submitted answer against its question and returns the value to store, or a reason
 * a person can read. Accepts `{choices}|{uncertain:true}`, `{ranking}`, `{scales}`, `{points}`, `{grid}`, `{words}`, `{text}`.
 */
export function checkAnswer(q: QuestionShape, raw: unknown): Checked {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const n = q.options.length;
  switch (q.type) {
    case 'quiz': {
      const choices = body.choices;
      if (!isIndexList(choices) || choices.length !== 1) return refuse('Choose one answer.');
      if (choices[0] < 0 || choices[0] >= n) return refuse('That option is not part of this question.');
      return { ok: true, value: choices };
    }
    case 'choice': {
      if (body.uncertain === true) {
        return q.uncertainLabel ? { ok: true, value: [UNCERTAIN] } : refuse('This question has no “uncertain” answer.');
      }
      const choices = body.choices;
      if (!isIndexList(choices) || choices.length === 0) return refuse('Choose at least one option.');
      if (new Set(choices).size !== choices.length) return refuse('Each option may be chosen only once.');
      if (choices.some((c) => c < 0 || c >= n)) return refuse('That option is not part of this question.');
      if (!q.multi && choices.length > 1) return refuse('Choose only one option.');
      return { ok: true, value: [...choices].sort((a, b) => a - b) };
    }
    case 'ranking': {
      const ranking = body.ranking;
      if (!isIndexList(ranking) || ranking.length !== n) return refuse(`Rank all ${n} items.`);
      if (ranking.some((c) => c < 0 || c >= n)) return refuse('An item in this ranking is not part of the question.');
      if (new Set(ranking).size !== n) return refuse('Each item must get a different position.');
      return { ok: true, value: ranking };
    }
    case 'scales': {
      const scales = body.scales;
      if (!isIndexList(scales) || scales.length !== n) return refuse(`Rate each of the ${n} statements.`);
      if (scales.some((v) => v < 1 || v > q.scaleMax)) return refuse(`Ratings go from 1 to ${q.scaleMax}.`);
      return { ok: true, value: scales };
    }
    case 'points': {
      const points = body.points;
      if (!isIndexList(points)) return refuse(`Share ${q.budget} points among the options.`);
      if (points.length > n) return refuse('Points were given to an option that is not part of this question.');
      if (points.length !== n) return refuse(`Give each of the ${n} options its points (0 is allowed).`);
      if (points.some((p) => p < 0)) return refuse('Points cannot be negative.');
      const total = points.reduce((a, b) => a + b, 0);
      if (total !== q.budget) return refuse(`Your points add up to ${total}; share exactly ${q.budget}.`);
      return { ok: true, value: points };
    }
    case 'grid': {
      const grid = body.grid;
      if (!Array.isArray(grid) || !grid.every((pair) => isIndexList(pair) && pair.length === 2)) return refuse(`Place each of the ${n} items on both scales.`);
      if (grid.length !== n) return refuse(grid.length > n ? 'An item in this answer is not part of the question.' : `Place each of the ${n} items on both scales.`);
      if ((grid as number[][]).some((pair) => pair.some((v) => v < 1 || v > q.scaleMax))) return refuse(`Values go from 1 to ${q.scaleMax}.`);
      return { ok: true, value: grid as number[][] };
    }
    case 'wordcloud': {
      const words = body.words;
      if (!Array.isArray(words) || words.some((w) => typeof w !== 'string')) return refuse('Send up to three words.');
      if (words.some((w: string) => w.length > LIMITS.wordLength)) return refuse(`Each word may have at most ${LIMITS.wordLength} characters.`);
      const normalised = [...new Set(words.map((w: string) => normaliseWord(w)).filter(Boolean))];
      if (normalised.length === 0) return refuse('Enter at least one word.');
      if (normalised.length > LIMITS.words) return refuse(`Enter at most ${LIMITS.words} words.`);
      return { ok: true, value: normalised };
    }
    case 'text': {
      const text = typeof body.text === 'string' ? body.text.trim() : '';
      if (!text) return refuse('Write an answer.');
      if (text.length > LIMITS.textLength) return refuse(`Answers may have at most ${LIMITS.textLength} characters.`);
      return { ok: true, value: text };
    }
    case 'qa':
      return refuse('Questions for the speakers are sent as Q&A entries, not answers.');
  }
}

/**
 * The first blocked word or phrase an answer contains, or null. Both sides are folded with
 * normaliseWord, so "IDIOTS!" is caught by "idiot"; only whole words match ("class" does not block "classic").
 */
export function blockedWordIn(value: AnswerValue, blocked: readonly string[]): string | null {
  if (blocked.length === 0) return null;
  const parts = typeof value === 'string' ? [normaliseWord(value)] : (value as unknown[]).filter((v): v is string => typeof v === 'string');
  const haystack = ` ${parts.join(' | ')} `;
  return blocked.find((word) => haystack.includes(` ${word} `)) ?? null;
}

/**
 * Folds a word cloud entry so that "Recycling", "recycling!" and "recyclings" count together:
 * Unicode-normalised, lower-case, punctuation and symbols removed, spaces collapsed, and a plain
 * English plural ("-s", "-ies") folded to the singular.
 */
export function normaliseWord(input: string): string {
  const cleaned = input
    .normalize('NFKC')
    .toLocaleLowerCase('en')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned
    .split(' ')
    .map((word) => {
      if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
      if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
      return word;
    })
    .join(' ');
}

/** Running totals for one question; `version` grows with every counted change. */
export interface Tally {
  version: number;
  responses: number;
  /** choice: respondents per option; points: points per option; scales: unused. */
  counts: number[];
  uncertain: number;
  /** ranking: grid[item][position]; scales: grid[statement][value - 1]; 2×2 grid: grid[item] = [Σx, Σy, Σx², Σy²]. */
  grid: number[][];
  words: Map<string, number>;
  texts: string[];
}

export function emptyTally(q: QuestionShape): Tally {
  const n = q.options.length;
  const width = q.type === 'scales' ? q.scaleMax : q.type === 'grid' ? 4 : n;
  return {
    version: 0,
    responses: 0,
    counts: new Array(n).fill(0),
    uncertain: 0,
    grid: Array.from({ length: n }, () => new Array(width).fill(0)),
    words: new Map(),
    texts: [],
  };
}

/** Adds (sign 1) or withdraws (sign -1, a changed answer's old value) one checked answer. */
export function applyAnswer(tally: Tally, q: QuestionShape, value: AnswerValue, sign: 1 | -1): void {
  tally.version += 1;
  tally.responses += sign;
  switch (q.type) {
    case 'quiz':
    case 'choice':
      for (const c of value as number[]) {
        if (c === UNCERTAIN) tally.uncertain += sign;
        else if (tally.counts[c] !== undefined) tally.counts[c] += sign;
      }
      return;
    case 'ranking':
      (value as number[]).forEach((item, position) => {
        if (tally.grid[item]?.[position] !== undefined) tally.grid[item][position] += sign;
      });
      return;
    case 'scales':
      (value as number[]).forEach((rating, statement) => {
        if (tally.grid[statement]?.[rating - 1] !== undefined) tally.grid[statement][rating - 1] += sign;
      });
      return;
    case 'points':
      (value as number[]).forEach((points, option) => {
        if (tally.counts[option] !== undefined) tally.counts[option] += sign * points;
      });
      return;
    case 'grid':
      (value as number[][]).forEach(([x, y], item) => {
        const sums = tally.grid[item];
        if (!sums) return;
        sums[0] += sign * x;
        sums[1] += sign * y;
        sums[2] += sign * x * x;
        sums[3] += sign * y * y;
      });
      return;
    case 'wordcloud':
      for (const word of value as string[]) {
        const next = (tally.words.get(word) ?? 0) + sign;
        if (next > 0) tally.words.set(word, next);
        else tally.words.delete(word);
      }
      return;
    case 'text': {
      if (sign === 1) tally.texts.push(value as string);
      else {
        const at = tally.texts.lastIndexOf(value as string);
        if (at >= 0) tally.texts.splice(at, 1);
      }
      return;
    }
    case 'qa':
      return;
  }
}

export interface ChoiceResults {
  type: 'choice';
  responses: number;
  /** Percentages are of the respondents who chose an option (the uncertain ones are apart). */
  options: { label: string; count: number; percent: number }[];
  uncertain: { label: string; count: number; percent: number } | null;
  /** Quiz: the correct option, marked on screen. */
  correct: number | null;
}

export interface RankingItemResult {
  label: string;
  /** Borda points: first of n gets n − 1, last gets 0. */
  points: number;
  meanRank: number;
  /** How many placed the item at position 1, 2, … */
  positions: number[];
}

export interface RankingResults {
  type: 'ranking';
  responses: number;
  /** Sorted by Borda points, then mean rank. */
  items: RankingItemResult[];
}

export interface ScalesResults {
  type: 'scales';
  responses: number;
  scaleMax: number;
  statements: { label: string; average: number; distribution: number[] }[];
}

export interface PointsResults {
  type: 'points';
  responses: number;
  budget: number;
  /** Sorted by total, most points first. */
  options: { label: string; total: number; average: number }[];
}

export interface GridResults {
  type: 'grid';
  responses: number;
  scaleMax: number;
  axes: [string, string];
  /** Averages and standard deviations on each scale, in the question's order. */
  items: { label: string; x: number; y: number; spreadX: number; spreadY: number }[];
}

export interface WordCloudResults {
  type: 'wordcloud';
  responses: number;
  words: { word: string; count: number }[];
}

export interface TextResults {
  type: 'text';
  responses: number;
  /** Newest first. */
  texts: string[];
}

export interface QaEntry {
  id: number;
  text: string;
  upvotes: number;
  state: 'pending' | 'approved' | 'answered' | 'hidden';
  createdAt: string;
}

export interface QaResults {
  type: 'qa';
  responses: number;
  entries: QaEntry[];
}

export type Results = ChoiceResults | RankingResults | ScalesResults | PointsResults | GridResults | WordCloudResults | TextResults | QaResults;

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : 0);
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Turns running totals into the figures shown on screen. */
export function summarise(q: QuestionShape, tally: Tally, limits: { words?: number; texts?: number } = {}): Results {
  const n = q.options.length;
  switch (q.type) {
    case 'quiz':
    case 'choice': {
      const decided = tally.responses - tally.uncertain;
      return {
        type: 'choice',
        responses: tally.responses,
        options: q.options.map((label, i) => ({ label, count: tally.counts[i], percent: percent(tally.counts[i], decided) })),
        uncertain: q.uncertainLabel ? { label: q.uncertainLabel, count: tally.uncertain, percent: percent(tally.uncertain, tally.responses) } : null,
        correct: q.type === 'quiz' ? q.correct : null,
      };
    }
    case 'ranking': {
      const items = q.options.map((label, i) => {
        const positions = tally.grid[i];
        const placed = positions.reduce((a, b) => a + b, 0);
        const points = positions.reduce((sum, count, p) => sum + count * (n - 1 - p), 0);
        const rankSum = positions.reduce((sum, count, p) => sum + count * (p + 1), 0);
        return { label, points, meanRank: placed ? round2(rankSum / placed) : 0, positions: [...positions] };
      });
      items.sort((a, b) => b.points - a.points || a.meanRank - b.meanRank);
      return { type: 'ranking', responses: tally.responses, items };
    }
    case 'scales':
      return {
        type: 'scales',
        responses: tally.responses,
        scaleMax: q.scaleMax,
        statements: q.options.map((label, i) => {
          const distribution = [...tally.grid[i]];
          const count = distribution.reduce((a, b) => a + b, 0);
          const sum = distribution.reduce((s, c, v) => s + c * (v + 1), 0);
          return { label, average: count ? round2(sum / count) : 0, distribution };
        }),
      };
    case 'points':
      return {
        type: 'points',
        responses: tally.responses,
        budget: q.budget,
        options: q.options
          .map((label, i) => ({ label, total: tally.counts[i], average: tally.responses ? round2(tally.counts[i] / tally.responses) : 0 }))
          .sort((a, b) => b.total - a.total),
      };
    case 'grid': {
      const m = tally.responses;
      const spread = (sum: number, squares: number) => (m ? round2(Math.sqrt(Math.max(0, squares / m - (sum / m) ** 2))) : 0);
      return {
        type: 'grid',
        responses: m,
        scaleMax: q.scaleMax,
        axes: q.axes,
        items: q.options.map((label, i) => {
          const [sx, sy, sxx, syy] = tally.grid[i];
          return { label, x: m ? round2(sx / m) : 0, y: m ? round2(sy / m) : 0, spreadX: spread(sx, sxx), spreadY: spread(sy, syy) };
        }),
      };
    }
    case 'wordcloud':
      return {
        type: 'wordcloud',
        responses: tally.responses,
        words: [...tally.words]
          .map(([word, count]) => ({ word, count }))
          .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
          .slice(0, limits.words ?? 60),
      };
    case 'text':
      return { type: 'text', responses: tally.responses, texts: tally.texts.slice(-(limits.texts ?? 200)).reverse() };
    case 'qa':
      return { type: 'qa', responses: 0, entries: [] };
  }
}

/** Quiz points: a correct answer scores 1000 when instant, falling linearly to 500 at the time limit (or after 30 s without one). */
export const QUIZ_MAX_POINTS = 1000;
export const QUIZ_UNTIMED_WINDOW_SECONDS = 30;

export function quizScore(correct: boolean, elapsedMs: number, timerSeconds: number | null): number {
  if (!correct) return 0;
  const window = (timerSeconds ?? QUIZ_UNTIMED_WINDOW_SECONDS) * 1000;
  const late = Math.min(1, Math.max(0, elapsedMs) / window);
  return Math.round(QUIZ_MAX_POINTS * (1 - late / 2));
}

export interface LeaderboardAnswer {
  participantId: number;
  nickname: string | null;
  correct: boolean;
  elapsedMs: number;
  timerSeconds: number | null;
}

export interface LeaderboardRow {
  rank: number;
  nickname: string;
  score: number;
  correct: number;
}

/** Sums quiz points per participant, best first (a tie goes to the one who joined first); the top `limit`. */
export function leaderboard(answers: LeaderboardAnswer[], limit = 10): LeaderboardRow[] {
  const byPerson = new Map<number, { nickname: string | null; score: number; correct: number }>();
  for (const a of answers) {
    const row = byPerson.get(a.participantId) ?? { nickname: null, score: 0, correct: 0 };
    row.nickname = a.nickname ?? row.nickname;
    row.score += quizScore(a.correct, a.elapsedMs, a.timerSeconds);
    if (a.correct) row.correct += 1;
    byPerson.set(a.participantId, row);
  }
  return [...byPerson]
    .sort(([idA, a], [idB, b]) => b.score - a.score || idA - idB)
    .slice(0, limit)
    .map(([id, row], i) => ({ rank: i + 1, nickname: row.nickname ?? `Anonymous ${id}`, score: row.score, correct: row.correct }));
}

/** Recounts from a list of stored answers: the reference the running totals must agree with. */
export function aggregate(q: QuestionShape, values: AnswerValue[]): Results {
  const tally = emptyTally(q);
  for (const value of values) applyAnswer(tally, q, value, 1);
  return summarise(q, tally);
}

/**
 * Orders Q&A for the screen: hidden entries never appear; approved ones first by upvotes (older
 * first on a tie), then those already answered; pending ones only for the moderator.
 */
export function sortQa(entries: QaEntry[], options: { includePending: boolean }): QaEntry[] {
  const rank = (e: QaEntry) => (e.state === 'approved' ? 0 : e.state === 'pending' ? 1 : 2);
  return entries
    .filter((e) => e.state !== 'hidden' && (options.includePending || e.state !== 'pending'))
    .sort((a, b) => rank(a) - rank(b) || b.upvotes - a.upvotes || a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
}
