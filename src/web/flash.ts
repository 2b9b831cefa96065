/**
 * Every message a back-office page may show after a redirect, by the key the redirect carries in `?done=`.
 * Only these: a link someone sends cannot make the hub say anything else, and an unknown key shows nothing.
 */
export const FLASH_MESSAGES = {
  saved: 'Saved.',
  deleted: 'Deleted.',
  'event-saved': 'Event saved.',
  'event-deleted': 'Event deleted.',
  'post-saved': 'Post saved.',
  'post-published': 'Post published.',
  'post-unpublished': 'Post taken off the site; it is a draft again.',
  'post-deleted': 'Post deleted.',
  'project-added': 'Project added.',
  'profile-saved': 'Profile saved.',
  'logo-saved': 'Logo saved.',
  'partner-added': 'Partner added.',
  'partner-removed': 'Partner removed.',
  'person-added': 'Person added.',
  'organisation-added': 'Organisation added.',
  'invitation-sent': 'Invitation sent.',
  'account-saved': 'Account saved.',
  'join-approved': 'Request approved: the project is a member and its editor is invited.',
  'page-saved': 'Page saved.',
  'page-deleted': 'Page deleted.',
  'redirect-saved': 'Redirect saved.',
  'redirect-deleted': 'Redirect deleted.',
  'test-sent': 'Test sent to your address.',
  'issue-scheduled': 'Issue scheduled.',
  'issue-sending': 'Sending has begun: the messages leave at the configured rate.',
  'join-declined': 'Request declined; a polite message is on its way.',
  'passport-saved': 'Passport saved; the change is kept as a new version.',
  'reading-added': 'Reading added.',
  'second-life-started': 'Second life started: this is the new passport, linked to the original.',
  'passport-recycled': 'Recycling recorded; the passport is closed.',
  'access-approved': 'Access approved for the period you set.',
  'access-refused': 'Request refused.',
  'authority-added': 'Added to the authorities.',
  'authority-removed': 'Removed from the authorities.',
} as const;

export type FlashKey = keyof typeof FLASH_MESSAGES;

/** The address to send a person to after an action, with the key of the message that says it was done. */
export function withFlash(path: string, key: FlashKey): string {
  return `${path}?done=${key}`;
}

/** The catalogue's message for the `done` key of a query string; nothing for a missing or unknown key. */
export function flashMessage(query: unknown): string | undefined {
  const key = (query as { done?: unknown } | undefined)?.done;
  return typeof key === 'string' && Object.hasOwn(FLASH_MESSAGES, key) ? FLASH_MESSAGES[key as FlashKey] : undefined;
}
