import { z } from 'zod';
import { checkbox, emailField, optionalText, requiredText } from '../../lib/forms.js';
import { CADENCES, FREQUENCIES } from './service.js';

/** A form field sent once is a string, sent several times an array: always a list here. */
const list = (max: number, item: z.ZodString) =>
  z
    .union([item, z.array(item).max(max, `Choose at most ${max}.`)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const slug = z.string().trim().max(120).regex(/^[a-z0-9-]+$/, 'Choose from the list.');

const choiceFields = {
  allNews: checkbox,
  allEvents: checkbox,
  projects: list(200, z.string().regex(/^\d{1,9}$/, 'Choose from the list.')).transform((ids) => ids.map(Number)),
  topics: list(200, slug),
  frequency: z.enum(FREQUENCIES, { error: 'Choose how often you want to hear from us.' }),
};

const followsSomething = (v: { allNews: boolean; allEvents: boolean; projects: number[]; topics: string[] }) => v.allNews || v.allEvents || v.projects.length > 0 || v.topics.length > 0;
const NOTHING = { message: 'Choose at least one thing to follow.', path: ['follow'] };

export const subscribeForm = z
  .object({
    email: emailField(),
    ...choiceFields,
    consent: checkbox.refine((v) => v, 'Tick the box to agree, or we cannot send you anything.'),
  })
  .refine(followsSomething, NOTHING);

export const preferencesForm = z.object(choiceFields).refine(followsSomething, NOTHING);

/** What the subscribe page may be opened with: a project or topic page links to it with that one ticked. */
export const subscribeQuery = {
  type: 'object',
  properties: {
    project: { type: 'string', maxLength: 120 },
    topic: { type: 'string', maxLength: 120 },
    follow: { type: 'string', enum: ['news', 'events'] },
  },
} as const;

export const signedParams = {
  type: 'object',
  required: ['id', 'token'],
  properties: { id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 }, token: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

export const confirmParams = {
  type: 'object',
  required: ['id', 'issued', 'token'],
  properties: {
    id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 },
    issued: { type: 'string', pattern: '^[0-9a-z]{1,12}$' },
    token: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;

export const issueForm = z.object({
  // A line break in a subject would let it add headers of its own.
  subject: requiredText('Enter a subject.', 150).refine((v) => !/[\r\n]/.test(v), 'Keep the subject on one line.'),
  intro: optionalText(5000).transform((v) => v ?? ''),
});

export const draftForm = z.object({ cadence: z.enum(CADENCES, { error: 'Choose weekly or monthly.' }) });

export const scheduleForm = z.object({
  at: z
    .string({ error: 'Enter a date and time.' })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Enter a date and time like 2027-01-15T09:00.'),
});

export const previewQuery = {
  type: 'object',
  properties: { as: { type: 'string', maxLength: 254 }, done: { type: 'string', maxLength: 100 } },
} as const;

export const suppressionForm = z.object({ email: emailField(), reason: optionalText(300).transform((v) => v ?? '') });
export const unsuppressForm = z.object({ email: emailField() });
