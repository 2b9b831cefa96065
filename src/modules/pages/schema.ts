import { z } from 'zod';
import { optionalId, requiredText } from '../../lib/forms.js';
import { NAV_PLACEMENTS } from './service.js';

/** The address of a page below /pages/: lower-case words joined by hyphens, parents first. */
export const pagePathParams = {
  type: 'object',
  required: ['*'],
  properties: { '*': { type: 'string', maxLength: 400, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*/?$' } },
} as const;

/** The back office's page form. */
export const pageForm = z.object({
  title: requiredText('Enter a title.', 200),
  slug: z
    .string()
    .trim()
    .max(80, 'Use at most 80 characters.')
    .optional()
    .refine((v) => !v || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v), 'Use lower-case letters, digits and hyphens, like privacy-policy.')
    .transform((v) => v || undefined),
  parentId: optionalId('Choose a parent page from the list.'),
  bodyMd: z.string({ error: 'Write the text of the page.' }).max(100_000, 'Use at most 100000 characters.').default(''),
  status: z.enum(['draft', 'published'], { error: 'Choose draft or published.' }),
  navPlacement: z.enum(NAV_PLACEMENTS, { error: 'Choose where the page is linked from.' }),
  navOrder: z.coerce.number({ error: 'Enter a whole number.' }).int('Enter a whole number.').min(0, 'Enter 0 or more.').max(999, 'Enter at most 999.').default(0),
});

export type PageForm = z.infer<typeof pageForm>;
