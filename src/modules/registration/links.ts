import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A manage or check-in link is the registration id plus an HMAC of it and its purpose, so
 * links need no stored token and cannot be forged or reused for another purpose.
 */
export function signRegistration(secret: string, id: number, purpose: 'manage' | 'checkin'): string {
  return createHmac('sha256', secret).update(`registration:${id}:${purpose}`).digest('base64url');
}

/** Constant-time check of a signed link. */
export function verifyRegistrationToken(secret: string, id: number, purpose: 'manage' | 'checkin', token: string): boolean {
  const expected = Buffer.from(signRegistration(secret, id, purpose));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The person's own link to their registration (in every mail); whoever holds it may change or delete it. */
export function managePath(secret: string, id: number): string {
  return `/registrations/${id}/${signRegistration(secret, id, 'manage')}`;
}

/** The organisers' check-in address encoded in the QR code; useless without an organiser's session. */
export function checkInPath(secret: string, eventId: number, id: number): string {
  return `/admin/events/${eventId}/check-in/${id}?t=${signRegistration(secret, id, 'checkin')}`;
}
