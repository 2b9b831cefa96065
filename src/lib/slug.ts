import slugify from 'slugify';

/** A URL-safe, lower-case slug of at most 80 characters. */
export function toSlug(text: string): string {
  return slugify(text, { lower: true, strict: true, trim: true }).slice(0, 80).replace(/-+$/, '') || 'item';
}
