import { pageNumber } from '../../lib/validation.js';

export const EVENT_TYPES = ['symposium', 'summit', 'conference', 'webinar', 'seminar', 'workshop', 'annual-meeting', 'launch', 'satellite'] as const;
export const EVENT_FORMATS = ['in-person', 'online', 'hybrid'] as const;
export const PROGRAMME_KINDS = ['session', 'talk', 'keynote', 'panel', 'round_table', 'interactive', 'break', 'networking'] as const;
export const PROGRAMME_ROLES = ['moderator', 'chair', 'speaker', 'lecturer', 'panellist'] as const;

export type EventType = (typeof EVENT_TYPES)[number];
export type EventFormat = (typeof EVENT_FORMATS)[number];

export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  symposium: 'Symposium',
  summit: 'Summit',
  conference: 'Conference',
  webinar: 'Webinar',
  seminar: 'Seminar',
  workshop: 'Workshop',
  'annual-meeting': 'Annual meeting',
  launch: 'Launch',
  satellite: 'Satellite session',
};

export const EVENT_FORMAT_LABELS: Record<EventFormat, string> = {
  'in-person': 'In person',
  online: 'Online',
  hybrid: 'Hybrid (in person and online)',
};

/** Query string of /events and /api/v1/events; unknown values are refused with 400. */
export const eventListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    when: { type: 'string', enum: ['upcoming', 'past', 'all'], default: 'all' },
    type: { type: 'string', enum: ['', ...EVENT_TYPES] },
    format: { type: 'string', enum: ['', ...EVENT_FORMATS] },
    project: { type: 'string', maxLength: 80, pattern: '^[a-z0-9-]*$' },
    page: pageNumber,
  },
} as const;

export interface EventListQuery {
  when: 'upcoming' | 'past' | 'all';
  type?: EventType | '';
  format?: EventFormat | '';
  project?: string;
  page: number;
}

