import { z } from 'zod';
import { isRedirectTarget, normaliseOldAddress } from './service.js';

/** The back office's redirect form; the old address is stored in the form it is looked up in. */
export const redirectForm = z.object({
  fromPath: z
    .string({ error: 'Enter the old address.' })
    .trim()
    .max(500, 'Use at most 500 characters.')
    .transform((value, ctx) => {
      const normalised = /^\//.test(value) ? normaliseOldAddress(value) : null;
      if (!normalised || normalised === '/') {
        ctx.addIssue({ code: 'custom', message: 'Enter an address on this site starting with /, like /2019/05/old-post/ or /?p=123.' });
        return z.NEVER;
      }
      return normalised;
    }),
  toPath: z
    .string({ error: 'Enter the new address.' })
    .trim()
    .max(500, 'Use at most 500 characters.')
    .refine(isRedirectTarget, 'Enter an address on this site starting with /, or a web address starting with https://.'),
});

export type RedirectForm = z.infer<typeof redirectForm>;
