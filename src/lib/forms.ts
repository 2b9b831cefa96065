import { z } from 'zod';

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: Record<string, string>; values: Record<string, unknown> };

/**
 * Validates a submitted form with a zod schema and returns either the typed data or one
 * message per field, keyed by the field's name, so the view can show it beside the field.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_form';
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values };
}

/** A required, trimmed text field with messages a person understands: `message` when it is missing or empty. */
export function requiredText(message: string, max = 200, tooLong = `Use at most ${max} characters.`) {
  return z.string({ error: message }).trim().min(1, message).max(max, tooLong);
}

/** An optional, trimmed text field; empty becomes null. */
export function optionalText(max = 2000, messages: { notText?: string; tooLong?: string } = {}) {
  return z
    .string({ error: messages.notText ?? 'Enter text.' })
    .trim()
    .max(max, messages.tooLong ?? `Use at most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : null));
}

/** An e-mail address, lower-cased. */
export function emailField(message = 'Enter an e-mail address like name@example.org.') {
  return z
    .string({ error: message })
    .trim()
    .toLowerCase()
    .max(254, 'Use at most 254 characters.')
    .regex(/^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/, message);
}

/** An optional http(s) address; empty becomes null. */
export function optionalUrl(message = 'Enter a web address starting with https:// or http://.') {
  return z
    .string({ error: message })
    .trim()
    .max(500, 'Use at most 500 characters.')
    .optional()
    .refine((v) => !v || /^https?:\/\/[^\s<>"]+$/i.test(v), message)
    .transform((v) => (v ? v : null));
}

/** Checkbox: present (any value) means true. */
export const checkbox = z.unknown().optional().transform((v) => v !== undefined && v !== '' && v !== null);

/** Where to go after signing in: a local path only, never another site. */
export function safeNext(next: unknown, fallback = '/admin'): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && next.length < 500 ? next : fallback;
}

/** An optional id chosen from a select; empty becomes null. */
export function optionalId(message: string) {
  return z
    .string({ error: message })
    .optional()
    .refine((v) => !v || /^\d{1,9}$/.test(v), message)
    .transform((v) => (v ? Number(v) : null));
}
