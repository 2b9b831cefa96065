import { createHmac, timingSafeEqual } from 'node:crypto';

/** Who a link is for: its id and address both go into the signature. */
export interface Recipient {
  id: number;
  email: string;
}

type Purpose = 'manage' | 'confirm';

/**
 * A link is the subscriber's id plus an HMAC over the id, the address and the purpose (and, for confirmation,
 * the time it was issued): nothing is stored, a link cannot be forged or turned to another purpose, and once
 * a subscriber's data is deleted a new subscription under the same id does not answer to the old links.
 */
function sign(secret: string, id: number, email: string, purpose: Purpose, issued = ''): string {
  return createHmac('sha256', secret).update(`newsletter:${id}:${email}:${purpose}:${issued}`).digest('base64url');
}

/** Constant-time check of a signed link against the subscriber it names. */
export function verifyLink(secret: string, subscriber: { id: number; email: string }, purpose: Purpose, token: string, issued = ''): boolean {
  const expected = Buffer.from(sign(secret, subscriber.id, subscriber.email, purpose, issued));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The preferences page of one subscriber; every mail links to it, and it needs no account. */
export function managePath(secret: string, subscriber: Recipient): string {
  return `/newsletter/preferences/${subscriber.id}/${sign(secret, subscriber.id, subscriber.email, 'manage')}`;
}

/** RFC 8058's one-click unsubscribe target (and the visible link's page): authorised by the signature alone. */
export function unsubscribePath(secret: string, subscriber: Recipient): string {
  return `/newsletter/unsubscribe/${subscriber.id}/${sign(secret, subscriber.id, subscriber.email, 'manage')}`;
}

/** Confirmation links work for a week: an old mail found later should not subscribe anyone. */
export const CONFIRM_VALID_MS = 7 * 86_400_000;

export function confirmPath(secret: string, subscriber: Recipient, issuedMs: number): string {
  const issued = issuedMs.toString(36);
  return `/newsletter/confirm/${subscriber.id}/${issued}/${sign(secret, subscriber.id, subscriber.email, 'confirm', issued)}`;
}
