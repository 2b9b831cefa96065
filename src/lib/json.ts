/** Parses a JSON array of strings stored in a text column; bad content reads as empty. */
export function parseList(text: string | null | undefined): string[] {
  if (!text) return [];
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Parses JSON stored in a text column; missing or bad content reads as the fallback. */
export function parseJsonOr<T>(text: string | null | undefined, fallback: T): T {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}
