import { z } from 'zod';
import { requiredText } from '../../lib/forms.js';
import { checkPeriod } from './period.js';

const day = { type: 'string', maxLength: 40 } as const;

/** The report's period: a preset's key, or two days. Checked further by `resolvePeriod`, which says what is wrong. */
export const reportQuery = {
  type: 'object',
  properties: { from: day, to: day, preset: day, done: { type: 'string', maxLength: 100 } },
} as const;

export const csvParams = {
  type: 'object',
  required: ['table'],
  properties: { table: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' } },
} as const;

/** A named reporting period, with the same rules as the report's own from–to. */
export const periodForm = z
  .object({
    name: requiredText('Name the period.', 100, 'Use at most 100 characters for the name.'),
    from: z.string({ error: 'Enter the first day.' }),
    to: z.string({ error: 'Enter the last day.' }),
  })
  .transform((data, ctx) => {
    const checked = checkPeriod(data.from, data.to);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', path: [checked.field], message: checked.message });
      return z.NEVER;
    }
    return { name: data.name, ...checked.period };
  });
