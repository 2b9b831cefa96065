import { z } from 'zod';
import { CATEGORIES } from './service.js';
import { pageNumber } from '../../lib/validation.js';

/** Query string of /library; unknown values are refused with 400. */
export const libraryQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: ['', ...CATEGORIES] },
    project: { type: 'string', maxLength: 80, pattern: '^[a-z0-9-]*$' },
    event: { type: 'string', maxLength: 200, pattern: '^[a-z0-9-]*$' },
    year: { anyOf: [{ type: 'integer', minimum: 1990, maximum: 2100 }, { type: 'string', maxLength: 0 }] },
    page: pageNumber,
  },
} as const;

export interface LibraryQuery {
  type?: (typeof CATEGORIES)[number] | '';
  project?: string;
  event?: string;
  year?: number | '';
  page: number;
}


export const versionParams = {
  type: 'object',
  required: ['id', 'version'],
  properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 }, version: { type: 'integer', minimum: 1, maximum: 100000 } },
} as const;

export const photoParams = {
  type: 'object',
  required: ['id', 'photoId'],
  properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 }, photoId: { type: 'integer', minimum: 1, maximum: 2147483647 } },
} as const;

export const mediaParams = {
  type: 'object',
  required: ['id', 'size'],
  properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 }, size: { type: 'string', enum: ['web.jpg', 'thumb.jpg'] } },
} as const;

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label} must be at most ${max} characters.`).optional().default('');

const isoDate = z
  .string()
  .trim()
  .optional()
  .default('')
  .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v + 'T00:00:00Z')) && new Date(v + 'T00:00:00Z').toISOString().startsWith(v)), 'Enter the date as YYYY-MM-DD, for example 2024-02-19.');

/** Title, authors, date, description, licence and where the document belongs. */
export const documentForm = z.object({
  title: z.string().trim().min(1, 'Enter a title.').max(200, 'The title must be at most 200 characters.'),
  authors: optionalText(300, 'Authors'),
  date: isoDate,
  description: optionalText(4000, 'The description'),
  licence: optionalText(100, 'The licence'),
  attach: z.string().regex(/^(hub|project:\d{1,9}|event:\d{1,9}|item:\d{1,9})$/, 'Choose where the document belongs from the list.'),
  url: z
    .string()
    .trim()
    .max(2000, 'The address is too long.')
    .optional()
    .default('')
    .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), 'Enter a full web address starting with https://'),
});
export type DocumentForm = z.infer<typeof documentForm>;

export const galleryForm = z.object({
  title: z.string().trim().min(1, 'Enter a title.').max(200, 'The title must be at most 200 characters.'),
  description: optionalText(2000, 'The description'),
  event: z.string().regex(/^\d{1,9}$/, 'Choose the event the photos are from.'),
});

export const photoForm = z.object({
  alt: z.string().trim().min(1, 'Describe the photo for people who cannot see it (alt text).').max(300, 'Alt text must be at most 300 characters.'),
  caption: optionalText(500, 'The caption'),
});
