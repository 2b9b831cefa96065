import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it. */
export interface ReceivedMail {
  /** Envelope recipients, lower-case. */
  to: string[];
  from: string;
  subject: string;
  /**
   * The whole message after quoted-printable decoding (soft line breaks joined, =XX decoded),
   * so links and sentences can be searched as plain text.
   */
  text: string;
  /** The message exactly as transmitted. */
  raw: string;
}

export interface TestSmtp {
  /** `smtp://127.0.0.1:PORT`, for `createTestApp(dialect, { env: { SMTP_URL: smtp.url } })`. */
  url: string;
  /** Every message received so far, oldest first. */
  messages: ReceivedMail[];
  /** Resolves with the first message (already received or arriving within timeoutMs) that matches. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** The first http(s) link in a message that contains `fragment`, e.g. `/auth/link/`. */
  linkIn(mail: ReceivedMail, fragment: string): string;
  /**
   * While on, the server takes each message's data and never answers it, like a mail server that hangs;
   * such messages are not kept. Connections and greetings still work.
   */
  setHanging(hanging: boolean): void;
  /** Messages the server took while hanging and never answered. */
  readonly unanswered: number;
  close(): Promise<void>;
}

/**
 * What each recipient received, counting a message handed over again under the same Message-ID once
 * (a sender that died between the server's acknowledgement and recording it sends it again).
 */
export function deliveriesByRecipient(messages: ReceivedMail[]): { distinct: Map<string, number>; resent: number } {
  const copies = new Map<string, number>();
  for (const mail of messages) {
    const id = /^Message-ID:\s*(\S+)/im.exec(mail.raw)?.[1] ?? mail.raw;
    for (const to of mail.to) copies.set(`${to} ${id}`, (copies.get(`${to} ${id}`) ?? 0) + 1);
  }
  const distinct = new Map<string, number>();
  for (const key of copies.keys()) {
    const to = key.split(' ')[0];
    distinct.set(to, (distinct.get(to) ?? 0) + 1);
  }
  return { distinct, resent: [...copies.values()].filter((n) => n > 1).length };
}

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * A real SMTP server on a free local port (no auth, no TLS) that keeps what it receives in
 * memory: the receiving end for end-to-end tests of everything that sends mail.
 */
export async function startSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let hanging = false;
  let unanswered = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      if (hanging) {
        unanswered++;
        stream.resume(); // read it all, answer never
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const subject = /^Subject: (.*)$/im.exec(raw)?.[1]?.trim() ?? '';
        messages.push({
          raw,
          subject,
          text: decodeQuotedPrintable(raw),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  // A client that gives up on a hung server resets its connection; a real server shrugs that off too.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  const waitFor = (predicate: (mail: ReceivedMail) => boolean, timeoutMs = 5000) =>
    new Promise<ReceivedMail>((resolve, reject) => {
      const check = () => {
        const found = messages.find(predicate);
        if (!found) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching mail within ${timeoutMs} ms (received ${messages.length}: ${messages.map((m) => m.subject).join(' | ')})`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });

  const linkIn = (mail: ReceivedMail, fragment: string) => {
    const link = mail.text.match(/https?:\/\/[^\s"<>]+/g)?.find((l) => l.includes(fragment));
    if (!link) throw new Error(`no link containing ${fragment} in "${mail.subject}"`);
    return link;
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor,
    linkIn,
    setHanging: (on) => (hanging = on),
    get unanswered() {
      return unanswered;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
