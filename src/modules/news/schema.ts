import { z } from 'zod';
import { checkbox, optionalId, optionalText, requiredText } from '../../lib/forms.js';
import { pageNumber } from '../../lib/validation.js';

export const newsListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    page: pageNumber,
    tag: { type: 'string', maxLength: 60 },
    project: { type: 'string', maxLength: 80, pattern: '^[a-z0-9-]*$' },
  },
} as const;

export interface NewsListQuery {
  page: number;
  tag?: string;
  project?: string;
}

/** The back office's news form (multipart: the image arrives beside these fields). */
export const newsForm = z
  .object({
    title: requiredText('Enter a title.', 200),
    summary: optionalText(500),
    bodyMd: requiredText('Write the text of the post.', 50_000),
    projectId: optionalId('Choose a project from the list.'),
    tags: optionalText(300).transform((v) => (v ? [...new Set(v.split(',').map((t) => t.trim()).filter(Boolean))].slice(0, 20) : [])),
    imageAlt: optionalText(300),
    removeImage: checkbox,
    status: z.enum(['draft', 'published'], { error: 'Choose draft or published.' }),
    publishAt: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v), 'Enter a date and time like 2025-03-01T09:00.'),
  });

export type NewsForm = z.infer<typeof newsForm>;
