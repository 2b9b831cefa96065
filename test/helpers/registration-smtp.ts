import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string;
  raw: string;
}

/** The MIME part of a message whose file name is `filename`, decoded from base64 (or as sent). */
export function attachmentOf(raw: string, filename: string): string | null {
  const start = raw.indexOf(`filename=${filename}`) >= 0 ? raw.indexOf(`filename=${filename}`) : raw.indexOf(`filename="${filename}"`);
  if (start < 0) return null;
  const headerEnd = raw.indexOf('\r\n\r\n', start);
  const partEnd = raw.indexOf('\r\n--', headerEnd);
  const headers = raw.slice(raw.lastIndexOf('\r\n--', start), headerEnd);
  const body = raw.slice(headerEnd + 4, partEnd);
  return /base64/i.test(headers) ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
}

/** Plain text of a message with quoted-printable soft breaks and escapes undone. */
export function readable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** A local SMTP server on a free port that keeps every message it receives, for mail tests of registration. */
export async function smtpReceiver(): Promise<{ url: string; mails: Received[]; close(): Promise<void> }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(','), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
