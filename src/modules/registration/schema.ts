import { z } from 'zod';
import { COUNTRY_CODES } from '../../lib/countries.js';
import { emailField, optionalText, requiredText } from '../../lib/forms.js';
import { MODES, type Mode, ORGANISATION_TYPES, type OrganisationType, type Questions, STATUSES } from './service.js';
import { pageNumber } from '../../lib/validation.js';


export const LIMITS = { name: 200, email: 254, organisation: 200, role: 200, dietary: 500, answer: 1000, question: 200, questions: 10, notice: 5000 };

/** The registration form names each field in its messages ("Your name must be at most 200 characters."). */
const tooLong = (max: number, label: string) => `${label[0].toUpperCase()}${label.slice(1)} must be at most ${max} characters.`;
const required = (max: number, label: string) => requiredText(`Enter ${label}.`, max, tooLong(max, label));
const optional = (max: number, label: string) => optionalText(max, { notText: `Enter ${label}.`, tooLong: tooLong(max, label) });
// A question the organisers do not ask: whatever arrives is ignored.
const notAsked = z.unknown().optional().transform(() => null);

/** Form field name of the n-th custom question. */
export const answerField = (index: number) => `answer_${index}`;

const schemaCache = new Map<string, ReturnType<typeof buildRegistrationSchema>>();

/**
 * The registration form's schema for one event: only the questions its organisers ask,
 * only the modes its format allows, consent always required. Schemas are kept per shape
 * because building one costs more than validating with it, and registration is the hot path.
 */
export function registrationFormSchema(questions: Questions, modes: Mode[]) {
  const key = JSON.stringify([questions, modes]);
  let schema = schemaCache.get(key);
  if (!schema) {
    if (schemaCache.size >= 200) schemaCache.delete(schemaCache.keys().next().value as string);
    schema = buildRegistrationSchema(questions, modes);
    schemaCache.set(key, schema);
  }
  return schema;
}

function buildRegistrationSchema(questions: Questions, modes: Mode[]) {
  const shape: Record<string, z.ZodType> = {
    name: required(LIMITS.name, 'your name'),
    email: z
      .string({ error: 'Enter your e-mail address.' })
      .trim()
      .min(1, 'Enter your e-mail address.')
      .max(LIMITS.email, 'The e-mail address is too long.')
      .pipe(z.email('Enter an e-mail address like name@example.org.')),
    organisation: questions.organisation ? required(LIMITS.organisation, 'your organisation') : notAsked,
    organisation_type: questions.organisation
      ? z.enum(['', ...ORGANISATION_TYPES], { error: 'Choose a type of organisation from the list, or leave it empty.' }).optional().transform((v) => v || null)
      : notAsked,
    country: questions.country
      ? z.string({ error: 'Choose your country.' }).refine((c) => COUNTRY_CODES.has(c), 'Choose your country from the list.')
      : notAsked,
    role: questions.role ? optional(LIMITS.role, 'your role') : notAsked,
    dietary: questions.dietary ? optional(LIMITS.dietary, 'dietary needs') : notAsked,
    mode: z.enum(modes as [Mode, ...Mode[]], { error: 'Choose how you will attend.' }),
    if_full: z.enum(['waitlist', 'online'], { error: 'Choose what to do when places are gone.' }).default('waitlist'),
    consent: z.literal('yes', { error: 'You need to agree to the privacy notice to register.' }),
  };
  questions.custom.forEach((_q, i) => {
    shape[answerField(i)] = z
      .string()
      .max(LIMITS.answer, `Answers must be at most ${LIMITS.answer} characters.`)
      .optional()
      .transform((v) => v?.trim() ?? '');
  });
  return z.object(shape).transform((data) => ({
    name: data.name as string,
    email: data.email as string,
    organisation: data.organisation as string | null,
    organisationType: data.organisation_type as OrganisationType | null,
    country: data.country as string | null,
    role: data.role as string | null,
    dietary: data.dietary as string | null,
    mode: data.mode as Mode,
    ifFull: data.if_full as 'waitlist' | 'online',
    answers: Object.fromEntries(questions.custom.map((q, i) => [q, data[answerField(i)] as string])),
  }));
}

/** The manage page's answers form: the registration form with e-mail, mode and consent fixed (they are not edited there). */
export function answersFormSchema(questions: Questions) {
  const base = registrationFormSchema(questions, [...MODES]);
  return z.preprocess((body) => ({ ...(body as object), email: 'unchanged@example.org', mode: 'online', consent: 'yes' }), base);
}

const datetimeLocal = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use the date picker (day and time).')]).optional();
const capacity = z.union([z.literal(''), z.coerce.number({ error: 'Enter a whole number.' }).int('Enter a whole number.').min(0, 'Capacity cannot be negative.').max(1_000_000, 'That is more than we can seat.')]).optional();
const checkbox = z.literal('on').optional().transform((v) => v === 'on');

/** The organiser's settings form. Times are wall-clock times in the event's zone. */
export const settingsFormSchema = z.object({
  opens_at: datetimeLocal,
  closes_at: datetimeLocal,
  pre_registration: checkbox,
  in_person_capacity: capacity,
  online_capacity: capacity,
  approval_required: checkbox,
  ask_organisation: checkbox,
  ask_country: checkbox,
  ask_role: checkbox,
  ask_dietary: checkbox,
  custom_questions: z
    .string()
    .max(LIMITS.question * LIMITS.questions + LIMITS.questions, 'Too much text for the custom questions.')
    .optional()
    .transform((v) => (v ?? '').split(/\r?\n/).map((q) => q.trim()).filter(Boolean))
    .refine((list) => list.length <= LIMITS.questions, `Ask at most ${LIMITS.questions} custom questions.`)
    .refine((list) => list.every((q) => q.length <= LIMITS.question), `Each question must be at most ${LIMITS.question} characters.`),
  privacy_notice: z.string().trim().min(1, 'Say how you use and keep the personal data.').max(LIMITS.notice, `At most ${LIMITS.notice} characters.`),
  consent_text: z.string().trim().min(1, 'Write the sentence people agree to.').max(1000, 'At most 1000 characters.'),
  retention_days: z.coerce.number({ error: 'Enter a number of days.' }).int('Enter a whole number of days.').min(1, 'Keep data at least 1 day.').max(3650, 'At most 3650 days (ten years).'),
  offer_hours: z.coerce.number({ error: 'Enter a number of hours.' }).int('Enter a whole number of hours.').min(1, 'At least 1 hour.').max(720, 'At most 720 hours (30 days).'),
  reminder_hours: z
    .string()
    .max(100, 'Too long.')
    .optional()
    .transform((v) => (v ?? '').split(/[,\s]+/).filter(Boolean))
    .refine((list) => list.every((h) => /^\d{1,4}$/.test(h) && Number(h) >= 1 && Number(h) <= 2000), 'List hours before the start, e.g. "24, 2".')
    .transform((list) => [...new Set(list.map(Number))].sort((a, b) => b - a)),
});

/** The lost-link form: one address. */
export const lostLinkFormSchema = z.object({ email: emailField() });

export const groupMailSchema = z.object({
  group: z.enum(['confirmed', 'confirmed-in-person', 'confirmed-online', 'waitlisted', 'pending', 'interested'], { error: 'Choose who receives the message.' }),
  subject: z.string().trim().min(1, 'Write a subject.').max(200, 'At most 200 characters.'),
  body: z.string().trim().min(1, 'Write the message.').max(20_000, 'At most 20,000 characters.'),
});

// ---- Fastify JSON schemas (params, queries, API bodies)

export const eventIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } },
} as const;

export const registrationParams = {
  type: 'object',
  required: ['id', 'rid'],
  properties: { id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 }, rid: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } },
} as const;

export const manageParams = {
  type: 'object',
  required: ['rid', 'token'],
  properties: { rid: { type: 'integer', minimum: 1, maximum: 2_147_483_647 }, token: { type: 'string', maxLength: 100 } },
} as const;

export const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 200 },
    mode: { type: 'string', enum: ['', ...MODES] },
    status: { type: 'string', enum: ['', ...STATUSES] },
    page: pageNumber,
  },
} as const;

/**
 * The API body's shape (types and sizes, checked before the handler runs, and the OpenAPI description). The rules
 * of a registration (which fields are required, valid modes and countries, the event's questions) are checked once,
 * by the same form schema as the web form, so the API and the form cannot disagree.
 */
export const registrationApiBody = {
  type: 'object',
  additionalProperties: false,
  description: 'name, email, mode and consent are required; country, organisation (with its optional organisation_type), role and dietary as the event asks; answers in the order of the event\'s questions.',
  properties: {
    name: { type: 'string', maxLength: 1000 },
    email: { type: 'string', maxLength: 1000 },
    organisation: { type: 'string', maxLength: 1000 },
    organisation_type: { type: 'string', maxLength: 20, description: 'optional, asked with organisation: industry, research, university, public-body, association or other' },
    country: { type: 'string', maxLength: 10 },
    role: { type: 'string', maxLength: 1000 },
    dietary: { type: 'string', maxLength: 2000 },
    mode: { type: 'string', maxLength: 20 },
    if_full: { type: 'string', maxLength: 20, description: 'waitlist or online' },
    consent: { type: 'boolean' },
    answers: { type: 'array', maxItems: LIMITS.questions, items: { type: 'string', maxLength: 5000 } },
  },
} as const;
