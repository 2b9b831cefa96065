import { z } from 'zod';
import { LIMITS, QUESTION_TYPES } from './aggregate.js';
import type { LiveQuestion } from './service.js';

const ID = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;
const CODE = { type: 'string', maxLength: 12 } as const;

export const codeParams = {
  type: 'object',
  required: ['code'],
  properties: { code: CODE },
} as const;

export const questionParams = {
  type: 'object',
  required: ['code', 'questionId'],
  properties: { code: CODE, questionId: ID },
} as const;

export const entryParams = {
  type: 'object',
  required: ['code', 'entryId'],
  properties: { code: CODE, entryId: ID },
} as const;

export const sessionParams = {
  type: 'object',
  required: ['id'],
  properties: { id: ID },
} as const;

export const QUESTION_ACTIONS = ['open', 'close', 'show', 'hide', 'reset', 'up', 'down', 'present', 'delete'] as const;
export type QuestionAction = (typeof QUESTION_ACTIONS)[number];

export const questionActionParams = {
  type: 'object',
  required: ['id', 'questionId', 'action'],
  properties: {
    id: ID,
    questionId: ID,
    action: { type: 'string', enum: QUESTION_ACTIONS },
  },
} as const;

export const questionEditParams = {
  type: 'object',
  required: ['id', 'questionId'],
  properties: { id: ID, questionId: ID },
} as const;

export const qaModerationParams = {
  type: 'object',
  required: ['id', 'entryId', 'state'],
  properties: {
    id: ID,
    entryId: ID,
    state: { type: 'string', enum: ['approved', 'answered', 'hidden'] },
  },
} as const;

export const eventsQuery = {
  type: 'object',
  properties: { view: { type: 'string', enum: ['participant', 'present', 'moderate'], default: 'participant' } },
} as const;

export const joinQuery = {
  type: 'object',
  properties: { code: { type: 'string', maxLength: 100 } },
} as const;

/** JSON answer of the API (`POST /api/live/:code/questions/:id/answer`); the shape is checked per type. */
export const apiAnswerBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    choices: { type: 'array', maxItems: LIMITS.options, items: { type: 'integer' } },
    uncertain: { type: 'boolean' },
    ranking: { type: 'array', maxItems: LIMITS.options, items: { type: 'integer' } },
    scales: { type: 'array', maxItems: LIMITS.options, items: { type: 'integer' } },
    points: { type: 'array', maxItems: 100, items: { type: 'integer' } },
    grid: { type: 'array', maxItems: 100, items: { type: 'array', maxItems: 2, items: { type: 'integer' } } },
    words: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 200 } },
    text: { type: 'string', maxLength: 20_000 },
    nickname: { type: 'string', maxLength: 200 },
  },
} as const;

/** JSON body of `POST /api/live/:code/participants`: an optional nickname for the quiz leaderboard. */
export const apiJoinBody = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { nickname: { type: 'string', maxLength: 200 } },
} as const;


export const entryHideParams = {
  type: 'object',
  required: ['id', 'questionId', 'answerId', 'action'],
  properties: { id: ID, questionId: ID, answerId: ID, action: { type: 'string', enum: ['hide', 'unhide'] } },
} as const;

export const blockedWordsForm = z.object({
  words: z.string().max(20_000, 'The list is too long.').default(''),
});

const line = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);

export const NICKNAME_LENGTH = 30;
export const nicknameForm = z.object({ nickname: line(NICKNAME_LENGTH).default('') });

const pace = z.enum(['presenter', 'audience'], { message: 'Choose who sets the pace.' });

export const sessionForm = z.object({
  eventId: z.coerce.number({ message: 'Choose an event.' }).int('Choose an event.').positive('Choose an event.'),
  title: line(200).min(1, 'Enter a title.'),
  pace: pace.default('presenter'),
  /** Empty: start without questions; otherwise the template whose questions the session starts with. */
  templateId: z.union([z.literal(''), z.coerce.number().int('Choose one of the templates listed.').positive('Choose one of the templates listed.')]).default(''),
});

export const paceForm = z.object({ pace });

export const templateForm = z.object({ title: line(200).min(1, 'Name the template.') });

export const templateParams = {
  type: 'object',
  required: ['templateId'],
  properties: { templateId: ID },
} as const;

export const participantQuery = {
  type: 'object',
  properties: { sent: { type: 'string', maxLength: 20 }, q: ID },
} as const;

export const duplicateForm = z.object({
  eventId: z.coerce.number({ message: 'Choose an event.' }).int('Choose an event.').positive('Choose an event.'),
});

export const questionForm = z
  .object({
    type: z.enum(QUESTION_TYPES, { message: 'Choose a question type.' }),
    prompt: line(300).min(1, 'Enter the question.'),
    options: z.string().max(5000, 'The list is too long.').default(''),
    multi: z.literal('on').optional(),
    uncertainLabel: line(80).default(''),
    scaleMax: z.enum(['5', '10'], { message: 'Choose 5 or 10.' }).default('5'),
    xAxis: line(40).default(''),
    yAxis: line(40).default(''),
    /** Quiz: number of the correct line, from 1. */
    correct: z.string().trim().default(''),
    /** Seconds to answer, for any type; empty for no limit. */
    timer: z.string().trim().default(''),
    /** An earlier question (another event's ended session) to compare with; empty for none. */
    compareTo: z.string().trim().default(''),
    allowChange: z.literal('on').optional(),
    resultsVisible: z.literal('on').optional(),
    /** Editing a question that has answers: they are deleted. */
    confirmReset: z.literal('on').optional(),
  })
  .transform((v) => ({
    ...v,
    list: v.options
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean),
  }))
  .superRefine((v, ctx) => {
    const needsList = v.type === 'choice' || v.type === 'quiz' || v.type === 'ranking' || v.type === 'scales' || v.type === 'points' || v.type === 'grid';
    if (needsList && (v.list.length < (v.type === 'scales' ? 1 : 2) || v.list.length > LIMITS.options)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: v.type === 'scales' ? `Enter 1 to ${LIMITS.options} statements, one per line.` : `Enter 2 to ${LIMITS.options} lines.` });
    }
    if (v.list.some((s) => s.length > LIMITS.optionLength)) ctx.addIssue({ code: 'custom', path: ['options'], message: `Each line may have at most ${LIMITS.optionLength} characters.` });
    if (v.type === 'quiz') {
      const correct = Number(v.correct);
      if (!/^\d{1,2}$/.test(v.correct) || correct < 1 || correct > v.list.length) ctx.addIssue({ code: 'custom', path: ['correct'], message: `Give the number of the correct answer, from 1 to ${Math.max(v.list.length, 2)}.` });
    }
    const timer = Number(v.timer);
    if (v.timer !== '' && (!/^\d{1,3}$/.test(v.timer) || timer < 5 || timer > 600)) ctx.addIssue({ code: 'custom', path: ['timer'], message: 'The timer goes from 5 to 600 seconds; leave it empty for no limit.' });
    if (v.compareTo !== '' && !/^\d{1,9}$/.test(v.compareTo)) ctx.addIssue({ code: 'custom', path: ['compareTo'], message: 'Choose one of the questions listed.' });
    if (needsList && new Set(v.list.map((s) => s.toLowerCase())).size !== v.list.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Each line must be different.' });
  });

export type QuestionFormData = z.infer<typeof questionForm>;

export const qaForm = z.object({ question: line(LIMITS.qaLength).min(1, 'Write your question.') });

const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);

/**
 * Turns an HTML answer form into the raw answer `checkAnswer` understands; returns a reason
 * instead when the form itself is inconsistent (two items given the same position, say).
 */
export function answerFromForm(question: LiveQuestion, body: Record<string, unknown>): { raw: unknown } | { reason: string } {
  switch (question.type) {
    case 'quiz': {
      const chosen = list(body.choice);
      if (chosen.length !== 1 || !/^\d{1,3}$/.test(chosen[0])) return { reason: 'Choose one answer.' };
      return { raw: { choices: [Number(chosen[0])] } };
    }
    case 'choice': {
      const chosen = list(body.choice);
      if (chosen.includes('uncertain') || body.uncertain === 'uncertain') return { raw: { uncertain: true } };
      if (chosen.some((c) => !/^\d{1,3}$/.test(c))) return { reason: 'That option is not part of this question.' };
      return { raw: { choices: chosen.map(Number) } };
    }
    case 'ranking': {
      const n = question.options.length;
      const positions = question.options.map((_, i) => String(body[`rank_${i}`] ?? ''));
      if (positions.some((p) => !/^\d{1,3}$/.test(p))) return { reason: `Give each of the ${n} items a position.` };
      if (new Set(positions).size !== n) return { reason: 'Each item must get a different position.' };
      const ranking = new Array<number>(n);
      for (const [item, p] of positions.entries()) {
        const at = Number(p) - 1;
        if (at < 0 || at >= n) return { reason: `Positions go from 1 to ${n}.` };
        ranking[at] = item;
      }
      return { raw: { ranking } };
    }
    case 'scales': {
      const values = question.options.map((_, i) => String(body[`scale_${i}`] ?? ''));
      if (values.some((v) => !/^\d{1,3}$/.test(v))) return { reason: `Rate each of the ${question.options.length} statements.` };
      return { raw: { scales: values.map(Number) } };
    }
    case 'points': {
      const values = question.options.map((_, i) => String(body[`points_${i}`] ?? '').trim() || '0');
      if (values.some((v) => !/^\d{1,4}$/.test(v))) return { reason: `Give each option a whole number of points, from 0 to ${question.budget}.` };
      return { raw: { points: values.map(Number) } };
    }
    case 'grid': {
      const pairs = question.options.map((_, i) => [String(body[`x_${i}`] ?? ''), String(body[`y_${i}`] ?? '')]);
      if (pairs.flat().some((v) => !/^\d{1,3}$/.test(v))) return { reason: `Place each of the ${question.options.length} items on both scales.` };
      return { raw: { grid: pairs.map((pair) => pair.map(Number)) } };
    }
    case 'wordcloud':
      return { raw: { words: list(body.word).filter((w) => w.trim() !== '') } };
    case 'text':
      return { raw: { text: typeof body.text === 'string' ? body.text : '' } };
    case 'qa':
      return { reason: 'Send questions for the speakers with the Q&A form.' };
  }
}
