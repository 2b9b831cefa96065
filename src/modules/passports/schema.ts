import { z } from 'zod';
import { checkbox, emailField, requiredText } from '../../lib/forms.js';
import { IDENTIFIER_MAX, IDENTIFIER_PATTERN } from './document.js';
import { ACCESS_LEVELS, CATEGORIES, type Access, fieldsOf, type Group, MATERIALS } from './fields.js';

/** The `:id` of every passport address: a malformed identifier is a 400 before any look-up. */
export const passportParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: IDENTIFIER_MAX, pattern: IDENTIFIER_PATTERN } },
} as const;

export const fieldParams = {
  type: 'object',
  required: ['id', 'field'],
  properties: { ...passportParams.properties, field: { type: 'string', maxLength: 80, pattern: '^[A-Za-z.]+$' } },
} as const;

export const groupParams = {
  type: 'object',
  required: ['id', 'group'],
  properties: { ...passportParams.properties, group: { type: 'string', enum: ['general', 'carbon', 'diligence', 'materials', 'circularity', 'performance'] } },
} as const;

export const versionParams = {
  type: 'object',
  required: ['id', 'version'],
  properties: { ...passportParams.properties, version: { type: 'integer', minimum: 1, maximum: 1_000_000 } },
} as const;

export const exportQuery = {
  type: 'object',
  properties: { format: { type: 'string', enum: ['own', 'batterypass'], default: 'own' } },
} as const;

const identifierMessage = 'Enter an identifier like urn:free4lib:bp:ev-0001 (letters, digits, dots, dashes).';
const identifierField = z
  .string({ error: identifierMessage })
  .trim()
  .max(IDENTIFIER_MAX, identifierMessage)
  .regex(new RegExp(IDENTIFIER_PATTERN), identifierMessage);
const categoryField = z.enum(CATEGORIES, { error: 'Choose the battery’s category.' });
const modelField = requiredText('Enter the battery model.', 120);
const dateField = (message: string) => z.string({ error: message }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, message).refine((v) => !Number.isNaN(Date.parse(v)), message);

export const newPassportForm = z.object({
  identifier: z.union([z.literal(''), identifierField]).optional().transform((v) => v || null),
  model: modelField,
  category: categoryField,
  project: z.string({ error: 'Choose the owning project.' }).regex(/^\d{1,9}$/, 'Choose the owning project.').transform(Number),
  demonstrator: checkbox,
});

export const secondLifeForm = z.object({ identifier: identifierField, model: modelField, category: categoryField });

const number = (message: string, max = 1e9) =>
  z
    .string({ error: message })
    .trim()
    .refine((v) => v === '' || (/^\d+(\.\d+)?$/.test(v) && Number(v) <= max), message)
    .transform((v) => (v === '' ? undefined : Number(v)));

export const recycleForm = z.object({
  recycledOn: dateField('Enter the date like 2026-11-30.'),
  recycler: requiredText('Enter who recycled the battery.', 200),
  ...Object.fromEntries(MATERIALS.map((m) => [`recovered.${m}`, number('Enter the kilograms recovered, like 4.2, or leave it empty.').optional()])),
});

export const readingForm = z.object({
  date: dateField('Enter the date of the reading like 2026-11-30.'),
  value: z
    .string({ error: 'Enter the state of health from 0 to 100 %.' })
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'Enter the state of health from 0 to 100 %.')
    .transform(Number)
    .refine((v) => v <= 100, 'Enter the state of health from 0 to 100 %.'),
});

export const requestForm = z.object({
  reason: requiredText('Say why you need the data: who you are and what you will use it for.', 2000).refine((v) => v.length >= 20, 'Say a little more (at least 20 characters): who you are and what you will use it for.'),
});

export const decideForm = z.object({
  decision: z.enum(['approve', 'refuse'], { error: 'Choose to approve or refuse.' }),
  until: z.string().trim().optional(),
});

export const authorityForm = z.object({ email: emailField(), body: requiredText('Name the authority this person reads for.', 200) });

export const importForm = z.object({ json: requiredText('Paste the passport’s JSON.', 200_000, 'The JSON is too long (200,000 characters at most).'), project: z.string().regex(/^\d{1,9}$/, 'Choose the owning project.').transform(Number) });

/**
 * A group form's fields as document values (units added, numbers parsed, lists split by line), with a message for each
 * entry that is not even a number; what the schema says about the rest is checked on the whole document.
 */
export function groupFromForm(group: Group, body: Record<string, unknown>): { values: Record<string, unknown>; access: Record<string, Access>; errors: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const access: Record<string, Access> = {};
  const errors: Record<string, string> = {};
  for (const field of fieldsOf(group)) {
    const level = body[`access.${field.key}`];
    if (typeof level === 'string' && (ACCESS_LEVELS as readonly string[]).includes(level) && level !== field.access) access[field.key] = level as Access;
    if (field.kind === 'series') continue;
    const raw = typeof body[field.key] === 'string' ? (body[field.key] as string).trim() : '';
    if (raw === '') continue;
    if (field.kind === 'quantity' || field.kind === 'share') {
      if (!/^-?\d+(\.\d+)?$/.test(raw)) errors[field.key] = `Enter a number in ${field.unit}, like 12.5.`;
      else values[field.key] = { value: Number(raw), unit: field.unit };
    } else if (field.kind === 'list') {
      values[field.key] = raw.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    } else values[field.key] = raw;
  }
  return { values, access, errors };
}
