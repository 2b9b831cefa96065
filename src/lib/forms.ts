import type { z } from 'zod';

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
