import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { Feed } from 'feed';
import { countryName } from '../../lib/countries.js';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { DateTime } from 'luxon';
import { markdownToSafeHtml, markdownToText } from '../../lib/markdown.js';
import type { HubEvent } from '../events/service.js';
import type { NewsPost } from '../news/service.js';
import { HUB_NAME, SITE_NAME } from '../../web/layout.js';

function place(event: HubEvent): string | undefined {
  const parts = [event.venueName, event.venueAddress ?? [event.city, countryName(event.country)].filter(Boolean).join(', ')].filter(Boolean);
  if (event.format === 'online') return event.onlinePlatform ? `Online (${event.onlinePlatform})` : 'Online';
  return parts.join(', ') || undefined;
}

export interface CalendarOptions {
  baseUrl: string;
  name: string;
  /** Only for a registered online participant's own calendar file. */
  meetingUrl?: string | null;
  /** Builds a text for the description in addition to the summary. */
  extraDescription?: string;
}

/**
 * iCalendar with a VTIMEZONE per zone used: clients show each event at the right local time,
 * and all-day events stay whole days.
 */
export function buildCalendar(events: HubEvent[], options: CalendarOptions): string {
  const calendar = ical({ name: options.name, prodId: { company: SITE_NAME, product: 'cluster-hub', language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  for (const event of events) {
    const url = options.baseUrl + event.url;
    const description = [event.summary, event.organisers ? `Organised by ${event.organisers}` : '', options.extraDescription, options.meetingUrl ? `Join online: ${options.meetingUrl}` : '', `Details: ${url}`]
      .filter(Boolean)
      .join('\n\n');
    const start = DateTime.fromISO(event.startsAt, { zone: 'utc' }).setZone(event.timezone);
    const end = DateTime.fromISO(event.endsAt, { zone: 'utc' }).setZone(event.timezone);
    calendar.createEvent({
      id: `event-${event.id}@${new URL(options.baseUrl).host}`,
      start: event.allDay ? start.startOf('day').toJSDate() : start,
      end: event.allDay ? end.plus({ days: 1 }).startOf('day').toJSDate() : end,
      allDay: event.allDay,
      timezone: event.allDay ? undefined : event.timezone,
      summary: event.title,
      description,
      location: place(event),
      url: options.meetingUrl ?? url,
    });
  }
  return calendar.toString();
}

/** RSS 2.0 of the published news, newest first. */
export function buildNewsFeed(posts: NewsPost[], baseUrl: string): string {
  const feed = new Feed({
    title: `${SITE_NAME} — news`,
    description: `News of the EU Cluster Hub “${HUB_NAME}” and its member projects.`,
    id: `${baseUrl}/news`,
    link: `${baseUrl}/news`,
    language: 'en',
    copyright: `${SITE_NAME}`,
    updated: posts[0]?.publishedAt ? new Date(posts[0].publishedAt) : new Date(0),
    feedLinks: { rss: `${baseUrl}/news.xml` },
  });
  for (const post of posts) {
    feed.addItem({
      title: post.title,
      id: baseUrl + post.url,
      link: baseUrl + post.url,
      description: post.summary || markdownToText(post.bodyMd).slice(0, 300),
      content: markdownToSafeHtml(post.bodyMd),
      date: new Date(post.publishedAt ?? post.updatedAt),
      category: post.tags.map((name) => ({ name })),
    });
  }
  return feed.rss2();
}
