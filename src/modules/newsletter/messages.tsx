import type { ComponentChildren } from 'preact';
import { renderHtml } from '../../lib/render.js';
import { formatDate, formatInstant, formatTime } from '../../lib/time.js';
import type { OutgoingMail } from '../mail/service.js';
import { confirmPath, managePath, type Recipient, unsubscribePath } from './links.js';
import type { DigestItem, LinkContext } from './service.js';

/*
 * Newsletter mail: layout tables with inline styles (what Outlook and Gmail render), a dark-mode block for
 * clients that honour it, and a plain-text twin of every message. No tracking pixel and no rewritten links.
 */

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const COLOURS = {
  text: '#1b1f24',
  muted: '#4a5560',
  link: '#0b5394',
  rule: '#d0d7de',
};
const DARK_MODE = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .nl-body, .nl-card { background: #16191d !important; color: #e6e9ec !important; }
  .nl-muted { color: #b8c0c8 !important; }
  .nl-body a { color: #8cc4ff !important; }
}`;

function MailFrame(props: { title: string; preheader: string; footer?: ComponentChildren; children: ComponentChildren }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{props.title}</title>
        <style>{DARK_MODE}</style>
      </head>
      <body class="nl-body" style={`margin:0;padding:0;background:#f3f5f7;${FONT}color:${COLOURS.text};`}>
        <div style="display:none;max-height:0;overflow:hidden;">{props.preheader}</div>
        <table role="presentation" width="100%" cellPadding="0" cellSpacing="0" style="background:#f3f5f7;">
          <tr>
            <td align="center" style="padding:16px 8px;">
              <table role="presentation" width="100%" cellPadding="0" cellSpacing="0" class="nl-card" style="max-width:600px;background:#ffffff;border-radius:6px;">
                <tr>
                  <td style={`padding:24px;${FONT}font-size:16px;line-height:1.5;color:${COLOURS.text};`}>{props.children}</td>
                </tr>
                {props.footer && (
                  <tr>
                    <td class="nl-muted" style={`padding:16px 24px;border-top:1px solid ${COLOURS.rule};${FONT}font-size:13px;line-height:1.5;color:${COLOURS.muted};`}>
                      {props.footer}
                    </td>
                  </tr>
                )}
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
}

const link = (href: string, text: string) => (
  <a href={href} style={`color:${COLOURS.link};`}>
    {text}
  </a>
);

/** The headers that let a mail client unsubscribe in one click (RFC 8058) and the footer every list mail carries. */
function listParts(links: LinkContext, recipient: Recipient) {
  const manage = links.baseUrl + managePath(links.secret, recipient);
  const unsubscribe = links.baseUrl + unsubscribePath(links.secret, recipient);
  return {
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    footer: (
      <>
        You receive this because you subscribed at the Cluster Hub. {link(manage, 'Change what you receive')} · {link(unsubscribe, 'Unsubscribe')}
      </>
    ),
    footerText: `You receive this because you subscribed at the Cluster Hub.\nChange what you receive: ${manage}\nUnsubscribe: ${unsubscribe}`,
  };
}

export function confirmationMail(links: LinkContext, recipient: Recipient, issuedMs: number): OutgoingMail {
  const url = links.baseUrl + confirmPath(links.secret, recipient, issuedMs);
  const subject = 'Confirm your Cluster Hub subscription';
  const html = renderHtml(
    <MailFrame title={subject} preheader="One click and you are subscribed.">
      <p>Someone, probably you, asked to receive news from the Cluster Hub at this address.</p>
      <p>
        <a href={url} style={`display:inline-block;padding:10px 18px;background:${COLOURS.link};color:#ffffff;border-radius:4px;text-decoration:none;`}>
          Confirm my subscription
        </a>
      </p>
      <p class="nl-muted" style={`color:${COLOURS.muted};font-size:14px;`}>
        The link works for 7 days. If you did not ask, ignore this mail: nothing will be sent to you.
      </p>
    </MailFrame>,
  );
  const text = `Someone, probably you, asked to receive news from the Cluster Hub at this address.

Confirm your subscription: ${url}

The link works for 7 days. If you did not ask, ignore this mail: nothing will be sent to you.`;
  return { to: recipient.email, subject, text, html: '<!doctype html>' + html };
}

export function alreadySubscribedMail(links: LinkContext, recipient: Recipient): OutgoingMail {
  const manage = links.baseUrl + managePath(links.secret, recipient);
  const subject = 'You are already subscribed to the Cluster Hub';
  const html = renderHtml(
    <MailFrame title={subject} preheader="Your subscription is unchanged.">
      <p>Someone asked to subscribe this address, which already receives the Cluster Hub’s mail. Nothing has changed.</p>
      <p>To change what you receive or unsubscribe: {link(manage, 'your preferences')}.</p>
    </MailFrame>,
  );
  const text = `Someone asked to subscribe this address, which already receives the Cluster Hub's mail. Nothing has changed.

To change what you receive or unsubscribe: ${manage}`;
  return { to: recipient.email, subject, text, html: '<!doctype html>' + html };
}

const KIND_HEADINGS: Record<DigestItem['kind'], string> = { news: 'News', event: 'Upcoming events', document: 'New documents' };

/** When an item happened or happens, with its zone named (an event in its own zone). */
function whenOf(item: DigestItem): string | null {
  if (!item.date) return null;
  if (item.kind === 'event') return `${formatDate(item.date, item.timezone)}, ${formatTime(item.date, item.timezone)} (${item.timezone})`;
  if (item.kind === 'document') return item.date.slice(0, 10);
  return formatInstant(item.date);
}

function ItemBlock(props: { item: DigestItem; baseUrl: string }) {
  const { item } = props;
  const url = props.baseUrl + item.url;
  const when = whenOf(item);
  return (
    <table role="presentation" width="100%" cellPadding="0" cellSpacing="0" style="margin:0 0 16px 0;">
      <tr>
        {item.imagePath && (
          <td width="120" valign="top" style="padding:0 12px 0 0;">
            <img src={props.baseUrl + item.imagePath} alt={item.imageAlt ?? ''} width="120" style="display:block;width:120px;height:auto;border:0;border-radius:4px;" />
          </td>
        )}
        <td valign="top" style={`${FONT}font-size:15px;line-height:1.5;`}>
          <a href={url} style={`color:${COLOURS.link};font-weight:bold;font-size:16px;`}>
            {item.title}
          </a>
          {(when || item.registration) && (
            <div class="nl-muted" style={`color:${COLOURS.muted};font-size:13px;`}>
              {[when, item.registration].filter(Boolean).join(' · ')}
            </div>
          )}
          {item.summary && <div>{item.summary}</div>}
        </td>
      </tr>
    </table>
  );
}

function itemText(item: DigestItem, baseUrl: string): string {
  const when = whenOf(item);
  return [`* ${item.title}`, [when, item.registration].filter(Boolean).join(' · '), item.summary, baseUrl + item.url].filter(Boolean).join('\n  ');
}

export interface DigestContent {
  subject: string;
  intro: string;
  items: DigestItem[];
}

/** The digest's body (shared by the mail and the archive page's text), grouped by kind in the order within each group. */
export function groupItems(items: DigestItem[]): { kind: DigestItem['kind']; heading: string; items: DigestItem[] }[] {
  return (['news', 'event', 'document'] as const)
    .map((kind) => ({ kind, heading: KIND_HEADINGS[kind], items: items.filter((i) => i.kind === kind) }))
    .filter((g) => g.items.length);
}

/** One subscriber's copy of an issue, with their own preferences and unsubscribe links. */
export function digestMail(links: LinkContext, content: DigestContent, recipient: Recipient, archiveUrl: string): OutgoingMail {
  const list = listParts(links, recipient);
  const groups = groupItems(content.items);
  const html = renderHtml(
    <MailFrame title={content.subject} preheader={content.intro.slice(0, 120) || content.items.map((i) => i.title).slice(0, 3).join(' · ')} footer={list.footer}>
      <h1 style={`margin:0 0 12px 0;font-size:22px;${FONT}`}>{content.subject}</h1>
      {content.intro.split(/\n{2,}/).filter(Boolean).map((p) => <p style="margin:0 0 12px 0;">{p}</p>)}
      {groups.map((g) => (
        <>
          <h2 style={`margin:20px 0 10px 0;font-size:18px;${FONT}border-bottom:1px solid ${COLOURS.rule};padding-bottom:4px;`}>{g.heading}</h2>
          {g.items.map((item) => <ItemBlock item={item} baseUrl={links.baseUrl} />)}
        </>
      ))}
      <p class="nl-muted" style={`color:${COLOURS.muted};font-size:13px;`}>{link(archiveUrl, 'Read this issue on the web')}</p>
    </MailFrame>,
  );
  const text = [
    content.subject,
    '',
    ...(content.intro ? [content.intro, ''] : []),
    ...groups.flatMap((g) => [g.heading.toUpperCase(), '', ...g.items.map((i) => itemText(i, links.baseUrl) + '\n')]),
    `Read this issue on the web: ${archiveUrl}`,
    '',
    '-- ',
    list.footerText,
  ].join('\n');
  return { to: recipient.email, subject: content.subject, text, html: '<!doctype html>' + html, headers: list.headers };
}

/** "Registration is open" for an event, to those who follow it. */
export function eventAlertMail(links: LinkContext, item: DigestItem, recipient: Recipient, closesAt: string | null): OutgoingMail {
  const list = listParts(links, recipient);
  const subject = `Registration open: ${item.title}`;
  const url = links.baseUrl + item.url;
  const until = closesAt ? `Registration is open until ${formatDate(closesAt, item.timezone)}, ${formatTime(closesAt, item.timezone)} (${item.timezone}).` : 'Registration is open.';
  const html = renderHtml(
    <MailFrame title={subject} preheader={until} footer={list.footer}>
      <h1 style={`margin:0 0 12px 0;font-size:22px;${FONT}`}>Registration is open</h1>
      <ItemBlock item={item} baseUrl={links.baseUrl} />
      <p>{until}</p>
      <p>{link(url, 'See the programme and register')}</p>
    </MailFrame>,
  );
  const text = `${subject}\n\n${itemText(item, links.baseUrl)}\n\n${until}\nSee the programme and register: ${url}\n\n-- \n${list.footerText}`;
  return { to: recipient.email, subject, text, html: '<!doctype html>' + html, headers: list.headers };
}

/** A news post as it happens, for subscribers who chose that. */
export function newsAlertMail(links: LinkContext, item: DigestItem, recipient: Recipient): OutgoingMail {
  const list = listParts(links, recipient);
  const html = renderHtml(
    <MailFrame title={item.title} preheader={item.summary.slice(0, 120)} footer={list.footer}>
      <ItemBlock item={item} baseUrl={links.baseUrl} />
    </MailFrame>,
  );
  const text = `${itemText(item, links.baseUrl)}\n\n-- \n${list.footerText}`;
  return { to: recipient.email, subject: item.title, text, html: '<!doctype html>' + html, headers: list.headers };
}
