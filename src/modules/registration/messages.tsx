import ical from 'ical-generator';
import type { Kysely } from 'kysely';
import QRCode, { type QRCodeToBufferOptions } from 'qrcode';
import type { Database } from '../../db/types.js';
import { renderHtml } from '../../lib/render.js';
import { formatDate, formatRange, formatTime } from '../../lib/time.js';
import { findEventById, getMeetingUrl, type HubEvent } from '../events/service.js';
import type { Attachment, OutgoingMail } from '../mail/service.js';
import { countryName } from '../../lib/countries.js';
import { checkInPath, findRegistration, managePath, type MailKind, MODE_LABELS, PLACE_NAMES, type Registration, waitlistPosition } from './service.js';

const at = (iso: string, zone: string) => `${formatDate(iso, zone)}, ${formatTime(iso, zone)} (${zone})`;

/** Where a registration stands, in one sentence; the manage page and every mail lead with it. */
export function statusSentence(reg: Registration, zone: string, position: number | null): string {
  const place = PLACE_NAMES[reg.mode];
  switch (reg.status) {
    case 'confirmed':
      return `Your ${place} is confirmed.`;
    case 'pending':
      return 'The organisers are reviewing your registration; you will hear from us once they have decided.';
    case 'waitlisted':
      return `${position ? `You are number ${position} on the waiting list` : 'You are on the waiting list'} for an ${place}. Places are offered in order of arrival; we will write to you as soon as one is free.`;
    case 'offered':
      return `An ${place} is yours if you accept it by ${at(reg.offerExpiresAt!, zone)}.`;
    case 'interested':
      return 'You have pre-registered. We will invite you first when registration opens.';
    case 'cancelled':
      return 'Your registration is cancelled.';
    case 'lapsed':
      return 'The place we offered you has passed to the next person on the waiting list.';
    case 'declined':
      return 'The organisers could not accept your registration this time.';
  }
}

/**
 * QR rows repeat from one to the next, so pngjs's Up filter alone packs them well; its default tries all five filters
 * on every row, which takes three times as long (and the confirmation mails of a rush are drawn while it goes on).
 * `filterType` is a pngjs option the qrcode typings leave out.
 */
const QR_PNG = { filterType: 2 } as QRCodeToBufferOptions['rendererOpts'];

export interface MessageContext {
  baseUrl: string;
  secret: string;
}

/** A calendar entry for the person's own place: the meeting link inside for online, the venue for in person. */
export function registrationIcs(event: HubEvent, reg: Registration, meetingUrl: string | null, manageUrl: string): string {
  const calendar = ical({ name: event.title, prodId: { company: 'Cluster Hub', product: 'registration' } });
  const online = reg.mode === 'online';
  const venue = [event.venueName, event.venueAddress, event.city, event.country].filter(Boolean).join(', ');
  calendar.createEvent({
    id: `registration-${reg.id}@cluster-hub`,
    start: new Date(event.startsAt),
    end: new Date(event.endsAt),
    allDay: event.allDay,
    summary: event.title,
    description: [online ? `Join online: ${meetingUrl ?? 'the link will follow by e-mail'}` : `Venue: ${venue}`, `Manage your registration: ${manageUrl}`].join('\n'),
    location: online ? (meetingUrl ?? event.onlinePlatform ?? 'Online') : venue || null,
    url: online && meetingUrl ? meetingUrl : null,
  });
  return calendar.toString();
}

function Paragraphs(props: { lines: string[] }) {
  return (
    <>
      {props.lines.map((line) => (
        <p>{line}</p>
      ))}
    </>
  );
}

function MailBody(props: { greeting: string; lines: string[]; details: [string, string][]; manageUrl: string; meetingUrl?: string | null }) {
  return (
    <div>
      <p>{props.greeting}</p>
      <Paragraphs lines={props.lines} />
      {props.details.length > 0 && (
        <table>
          {props.details.map(([k, v]) => (
            <tr>
              <th scope="row" align="left">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </table>
      )}
      {props.meetingUrl && (
        <p>
          Join online: <a href={props.meetingUrl}>{props.meetingUrl}</a>
        </p>
      )}
      <p>
        <a href={props.manageUrl}>Manage your registration</a> (change how you attend, edit your answers, cancel, download or delete your data).
      </p>
    </div>
  );
}

function subjectAndLines(kind: MailKind, event: HubEvent, reg: Registration, registerUrl: string, position: number | null): { subject: string; lines: string[] } | null {
  const title = event.title;
  const status = statusSentence(reg, event.timezone, position);
  switch (kind) {
    case 'registered':
    case 'changed':
    case 'approved':
      if (reg.status === 'confirmed') return { subject: `Your place at ${title} is confirmed`, lines: [status] };
      if (reg.status === 'pending') return { subject: `We received your registration for ${title}`, lines: [status] };
      if (reg.status === 'waitlisted') {
        const subject = position ? `You are number ${position} on the waiting list for ${title}` : `You are on the waiting list for ${title}`;
        return { subject, lines: [status, `All ${PLACE_NAMES[reg.mode]}s are taken at the moment.`] };
      }
      if (reg.status === 'interested') return { subject: `You pre-registered for ${title}`, lines: ['Thank you for your interest.', status] };
      return null;
    case 'offer':
      if (reg.status !== 'offered') return null;
      return {
        subject: `A place is free for you at ${title}`,
        lines: [status, 'Use the link below to accept or decline. If we hear nothing by then, the place goes to the next person waiting.'],
      };
    case 'lapsed':
      return { subject: `Your offer for ${title} has expired`, lines: [statusSentence(reg, event.timezone, null)] };
    case 'declined':
      return { subject: `Your registration for ${title}`, lines: ['We are sorry: the organisers could not accept your registration this time.'] };
    case 'cancelled':
      return { subject: `Your registration for ${title} is cancelled`, lines: ['Your registration is cancelled. Thank you for letting us know.', `If you change your mind, register again: ${registerUrl}`] };
    case 'reminder':
      if (reg.status !== 'confirmed') return null;
      return { subject: `Reminder: ${title}`, lines: [`${title} starts ${formatRange(event.startsAt, event.endsAt, event.timezone, event.allDay)}.`, status] };
    case 'invite':
      if (reg.status !== 'interested') return null;
      return {
        subject: `Registration for ${title} is open`,
        lines: [`Registration is now open, and you are among the first to know. Take your place with the same e-mail address: ${registerUrl}`],
      };
    case 'link':
      return { subject: `Your link for ${title}`, lines: ['You asked for the link to your registration again. Here it is.', status] };
  }
}

/**
 * Renders a registration mail from the registration's current state (so a mail sent late
 * never contradicts what happened since). Online confirmations carry the private meeting link,
 * in-person ones the venue and directions; confirmed places carry an .ics, in-person ones a check-in QR code.
 * Returns null when the mail no longer applies.
 */
export async function buildRegistrationMail(db: Kysely<Database>, ctx: MessageContext, id: number, kind: MailKind): Promise<OutgoingMail | null> {
  const reg = await findRegistration(db, id);
  if (!reg || reg.anonymised) return null;
  const event = await findEventById(db, reg.eventId);
  if (!event) return null;
  const position = await waitlistPosition(db, reg);
  const content = subjectAndLines(kind, event, reg, `${ctx.baseUrl}/events/${event.slug}/register`, position);
  if (!content) return null;
  const manageUrl = ctx.baseUrl + managePath(ctx.secret, reg.id);
  const confirmed = reg.status === 'confirmed';
  const online = reg.mode === 'online';
  const meetingUrl = confirmed && online ? await getMeetingUrl(db, event.id) : null;
  const details: [string, string][] = [
    ['Event', event.title],
    ['When', formatRange(event.startsAt, event.endsAt, event.timezone, event.allDay)],
    ['How', MODE_LABELS[reg.mode]],
  ];
  if (reg.organisation) details.push(['Organisation', reg.organisation]);
  if (reg.country) details.push(['Country', countryName(reg.country)]);
  if (confirmed && !online) {
    const venue = [event.venueName, event.venueAddress, event.city, event.country].filter(Boolean).join(', ');
    details.push(['Venue', venue || 'To be announced']);
    if (event.directions) details.push(['Directions', event.directions]);
  }
  if (confirmed && online && !meetingUrl) details.push(['Online', 'The link will be sent before the event.']);
  const attachments: Attachment[] = [];
  if (confirmed) {
    attachments.push({ filename: 'event.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: registrationIcs(event, reg, meetingUrl, manageUrl) });
  }
  // Check-in is at the door of the room: only an in-person place carries the code to show there.
  if (confirmed && !online) {
    const qr = await QRCode.toBuffer(ctx.baseUrl + checkInPath(ctx.secret, event.id, reg.id), { type: 'png', margin: 2, width: 240, rendererOpts: QR_PNG });
    attachments.push({ filename: 'check-in.png', contentType: 'image/png', content: qr.toString('base64'), encoding: 'base64' });
  }
  const greeting = `Dear ${reg.name},`;
  const text = [
    greeting,
    '',
    ...content.lines,
    '',
    ...details.map(([k, v]) => `${k}: ${v}`),
    ...(meetingUrl ? ['', `Join online: ${meetingUrl}`] : []),
    ...(confirmed && !online ? ['', 'Show the attached QR code (check-in.png) when you arrive; the calendar file (event.ics) adds the event to your calendar.'] : []),
    ...(confirmed && online ? ['', 'The calendar file (event.ics) adds the event, with its link, to your calendar.'] : []),
    '',
    `Manage your registration: ${manageUrl}`,
    '(change how you attend, edit your answers, cancel, download or delete your data)',
  ].join('\n');
  const html = renderHtml(<MailBody greeting={greeting} lines={content.lines} details={details} manageUrl={manageUrl} meetingUrl={meetingUrl} />);
  return { to: reg.email, subject: content.subject, text, html, attachments };
}
