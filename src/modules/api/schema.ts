import { API_MAX_LIMIT, apiLimit, apiPage } from '../../lib/validation.js';
import { eventListQuery, EVENTS_PAGE_SIZE } from '../events/service.js';
import { NEWS_PAGE_SIZE, newsListQuery } from '../news/service.js';

const stringList = { type: 'array', items: { type: 'string' } } as const;
const nullableString = { type: ['string', 'null'] } as const;

/** Response schemas double as the OpenAPI description and as an allow-list: fields not named here never leave. */
export const eventItem = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    slug: { type: 'string' },
    url: { type: 'string', description: 'Path of the event page' },
    title: { type: 'string' },
    type: { type: 'string' },
    format: { type: 'string', enum: ['in-person', 'online', 'hybrid'] },
    summary: { type: 'string' },
    startsAt: { type: 'string', format: 'date-time' },
    endsAt: { type: 'string', format: 'date-time' },
    allDay: { type: 'boolean' },
    timezone: { type: 'string', description: 'IANA time zone of the event' },
    venueName: nullableString,
    venueAddress: nullableString,
    city: nullableString,
    country: nullableString,
    onlinePlatform: nullableString,
    organisers: { type: 'string' },
    topics: stringList,
    tags: stringList,
    calendarUrl: { type: 'string', description: 'Path of the event’s .ics file' },
  },
} as const;

export const newsItem = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    slug: { type: 'string' },
    url: { type: 'string', description: 'Path of the post' },
    title: { type: 'string' },
    summary: { type: 'string' },
    bodyMarkdown: { type: 'string' },
    publishedAt: nullableString,
    tags: stringList,
  },
} as const;

export const projectItem = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    slug: { type: 'string' },
    url: { type: 'string', description: 'Path of the project page' },
    acronym: { type: 'string' },
    title: { type: 'string' },
    programme: { type: 'string' },
    fundingScheme: nullableString,
    grantId: nullableString,
    callTopic: nullableString,
    startDate: nullableString,
    endDate: nullableString,
    coordinatorName: nullableString,
    coordinatorCountry: nullableString,
    summary: { type: 'string' },
    website: nullableString,
    metals: stringList,
    resources: stringList,
    technologies: stringList,
    tags: stringList,
  },
} as const;

function pageOf(item: object) {
  return {
    type: 'object',
    properties: {
      items: { type: 'array', items: item },
      total: { type: 'integer' },
      page: { type: 'integer' },
      pageCount: { type: 'integer' },
    },
  } as const;
}

/**
 * A list's query string in the API: the page's filters, its `page`, and a `limit` a client may raise to
 * API_MAX_LIMIT. The hub's pages keep their own fixed page sizes.
 */
function apiListQuery<P extends object>(query: { properties: P }, limit: number) {
  return { ...query, properties: { ...query.properties, page: apiPage, limit: apiLimit(limit) } } as const;
}

/** Every member project fits in one answer today, so the list gives them all unless asked for fewer. */
const PROJECTS_LIMIT = API_MAX_LIMIT;

export const projectListQuery = { type: 'object', additionalProperties: false, properties: { page: apiPage, limit: apiLimit(PROJECTS_LIMIT) } } as const;

const errorBody = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } } } } },
} as const;

export const apiSchemas = {
  event: { tags: ['events'], summary: 'One published event, by the slug of its page', response: { 200: eventItem, 404: errorBody } },
  post: { tags: ['news'], summary: 'One published news post, by the slug of its page', response: { 200: newsItem, 404: errorBody } },
  project: { tags: ['projects'], summary: 'One project, by the slug of its page', response: { 200: projectItem, 404: errorBody } },
  events: { tags: ['events'], summary: 'Published events, filterable', querystring: apiListQuery(eventListQuery, EVENTS_PAGE_SIZE), response: { 200: pageOf(eventItem), 400: errorBody } },
  news: { tags: ['news'], summary: 'Published news posts, newest first', querystring: apiListQuery(newsListQuery, NEWS_PAGE_SIZE), response: { 200: pageOf(newsItem), 400: errorBody } },
  projects: {
    tags: ['projects'],
    summary: 'Member projects of the hub, by acronym',
    querystring: projectListQuery,
    response: { 200: pageOf(projectItem), 400: errorBody },
  },
};
