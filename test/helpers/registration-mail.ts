// Reading registration mails received by the SMTP test server (test/helpers/smtp.ts).
/** The MIME part of a message whose file name is `filename`, as text. */
export function attachmentOf(raw: string, filename: string): string | null {
  return attachmentBytes(raw, filename)?.toString('utf8') ?? null;
}

/** The MIME part of a message whose file name is `filename`, decoded from base64 (or as sent). */
export function attachmentBytes(raw: string, filename: string): Buffer | null {
  const start = raw.indexOf(`filename=${filename}`) >= 0 ? raw.indexOf(`filename=${filename}`) : raw.indexOf(`filename="${filename}"`);
  if (start < 0) return null;
  const headerEnd = raw.indexOf('\r\n\r\n', start);
  const partEnd = raw.indexOf('\r\n--', headerEnd);
  const headers = raw.slice(raw.lastIndexOf('\r\n--', start), headerEnd);
  const body = raw.slice(headerEnd + 4, partEnd);
  return /base64/i.test(headers) ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body);
}
