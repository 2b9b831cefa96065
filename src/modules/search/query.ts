/**
 * Turns whatever a person types into a small, safe query structure. Nothing the person types
 * reaches a MATCH or tsquery expression as syntax: only words made of letters and digits do,
 * and the adapters add the quoting. Supported: words, "phrases", prefix*, -exclusion.
 */

/** One word, or several words that must appear together (a phrase). */
export interface QueryPart {
  words: string[];
  /** The last word is a prefix (typed with a trailing *). */
  prefix: boolean;
}

export interface ParsedQuery {
  include: QueryPart[];
  exclude: QueryPart[];
  /** Said to the person when we had to change their query (shortened, operators ignored). */
  notice?: string;
}

export const MAX_QUERY_CHARS = 500;
export const MAX_QUERY_PARTS = 12;
const MAX_WORD_CHARS = 64;
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

function wordsOf(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.slice(0, MAX_WORD_CHARS));
}

/** Parses a typed query; never throws, whatever the input. */
export function parseQuery(input: string): ParsedQuery {
  const notices: string[] = [];
  let text = input;
  if (text.length > MAX_QUERY_CHARS) {
    text = text.slice(0, MAX_QUERY_CHARS);
    notices.push(`Your search was long, so only its first ${MAX_QUERY_CHARS} characters were used.`);
  }
  const include: QueryPart[] = [];
  const exclude: QueryPart[] = [];
  // A quote without its partner runs to the end of the query, as people expect.
  const token = /(-?)"([^"]*)"?|(-?)([^\s"]+)/g;
  let ignoredOperator = false;
  for (const match of text.matchAll(token)) {
    const negative = (match[1] || match[3]) === '-';
    const raw = match[2] ?? match[4] ?? '';
    if (match[4] !== undefined && OPERATORS.has(raw)) {
      ignoredOperator = true;
      continue;
    }
    const words = wordsOf(raw);
    if (!words.length) continue;
    const prefix = /\*\s*$/.test(raw) && words[words.length - 1].length >= 2;
    (negative ? exclude : include).push({ words, prefix });
  }
  if (include.length + exclude.length > MAX_QUERY_PARTS) {
    include.splice(MAX_QUERY_PARTS);
    exclude.splice(Math.max(0, MAX_QUERY_PARTS - include.length));
    notices.push(`Only the first ${MAX_QUERY_PARTS} words or phrases were used.`);
  }
  if (ignoredOperator) notices.push('Words such as AND, OR and NOT are not needed: every word you type must appear; put a minus before a word to leave it out.');
  return { include, exclude, notice: notices.length ? notices.join(' ') : undefined };
}

/** The query written back in the syntax people type, e.g. for "did you mean" links. */
export function formatQuery(query: ParsedQuery): string {
  const part = (p: QueryPart) => (p.words.length > 1 ? `"${p.words.join(' ')}"` : p.words[0]) + (p.prefix ? '*' : '');
  return [...query.include.map(part), ...query.exclude.map((p) => '-' + part(p))].join(' ');
}

/** FTS5 MATCH expression: every word double-quoted, so nothing typed is read as FTS5 syntax. */
export function toFts5Match(query: ParsedQuery): string {
  const part = (p: QueryPart) => `"${p.words.join(' ')}"${p.prefix ? '*' : ''}`;
  const positive = query.include.map(part).join(' ');
  return query.exclude.length ? `(${positive}) NOT (${query.exclude.map(part).join(' OR ')})` : positive;
}

/**
 * PostgreSQL: the parts without a prefix as websearch syntax (for websearch_to_tsquery), the
 * prefix parts as a to_tsquery expression (websearch syntax has no prefix operator).
 */
export function toPostgresQuery(query: ParsedQuery): { websearch: string; prefix: string } {
  const quoted = (p: QueryPart) => (p.words.length > 1 ? `"${p.words.join(' ')}"` : p.words[0]);
  const websearch = [
    ...query.include.filter((p) => !p.prefix).map(quoted),
    ...query.exclude.map((p) => '-' + quoted(p)),
  ].join(' ');
  const prefix = query.include
    .filter((p) => p.prefix)
    .map((p) => `(${p.words.map((w, i) => (i === p.words.length - 1 ? `${w}:*` : w)).join(' <-> ')})`)
    .join(' & ');
  return { websearch, prefix };
}

/** The words of the query's phrases (a prefix left out), for conditions that need the words without their order. */
export function phraseWords(query: ParsedQuery): string[] {
  return query.include.filter((p) => p.words.length > 1).flatMap((p) => (p.prefix ? p.words.slice(0, -1) : p.words));
}
