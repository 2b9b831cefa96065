import { expect, it } from 'vitest';
import { markdownToSafeHtml } from './markdown.js';

it('converts each text as it is, kept or not: the same text twice, then an edit of it', () => {
  const text = 'A *first* version with <script>alert(1)</script> and [a link](javascript:alert(1)).';
  const first = markdownToSafeHtml(text);
  expect(first).toContain('<em>first</em>');
  expect(first).not.toContain('<script');
  expect(first).not.toContain('javascript:');
  expect(markdownToSafeHtml(text)).toBe(first);
  const edited = markdownToSafeHtml(text.replace('*first*', '**second**'));
  expect(edited).toContain('<strong>second</strong>');
  expect(edited).not.toContain('first');
  // A text too large to keep is converted all the same.
  const large = `# Large\n\n${'word '.repeat(40_000)}`;
  expect(markdownToSafeHtml(large)).toContain('<h1>Large</h1>');
  expect(markdownToSafeHtml(large)).toBe(markdownToSafeHtml(large));
});
