import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const ALLOWED = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'h1', 'h2'],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title', 'width', 'height'], th: ['scope'], td: ['colspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
};

// Parsing and sanitising cost more than anything else on a page showing an article or an event. The result depends
// on the text alone, so it is kept by the text itself: an edit anywhere (another instance included) is a new text,
// and nothing needs forgetting. Bounded by the characters kept; the least recently used go first.
const MEMO_MAX_CHARS = 8_000_000;
const memo = new Map<string, string>();
let memoChars = 0;

/** Markdown written by editors → HTML safe to embed (scripts, handlers and odd schemes removed). */
export function markdownToSafeHtml(markdown: string): string {
  const known = memo.get(markdown);
  if (known !== undefined) {
    memo.delete(markdown);
    memo.set(markdown, known);
    return known;
  }
  const html = sanitizeHtml(marked.parse(markdown, { async: false, gfm: true }) as string, ALLOWED);
  const size = markdown.length + html.length;
  if (size > MEMO_MAX_CHARS / 100) return html;
  for (const [text, kept] of memo) {
    if (memoChars + size <= MEMO_MAX_CHARS) break;
    memo.delete(text);
    memoChars -= text.length + kept.length;
  }
  memo.set(markdown, html);
  memoChars += size;
  return html;
}

/** Plain text of markdown, for summaries, feeds and search. */
export function markdownToText(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false }) as string, { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim();
}
