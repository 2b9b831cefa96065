import type { OrganisationInput, ProjectInput } from '../modules/directory/service.js';
import type { EventInput } from '../modules/events/service.js';
import type { NewsInput } from '../modules/news/service.js';

/**
 * The hub's own content, written in our words from the facts on its news page and the
 * projects' public data. Times are UTC instants; each event says its time zone.
 */
export interface ProjectSeed {
  project: ProjectInput;
  partners?: { organisation: OrganisationInput; role: string }[];
}

export interface EventSeed {
  event: Omit<EventInput, 'projectIds' | 'parentEventId'>;
  /** Slugs of member projects organising or taking part. */
  projects?: string[];
  parentSlug?: string;
}

export interface NewsSeed {
  post: Omit<NewsInput, 'projectId' | 'eventId'>;
  project?: string;
  eventSlug?: string;
}

export const projects: ProjectSeed[] = [
  {
    project: {
      acronym: 'ENICON',
      slug: 'enicon',
      title: "Sustainable processing of Europe's low-grade sulphidic and lateritic nickel/cobalt ores and tailings into battery-grade metals",
      programme: 'HORIZON',
      fundingScheme: 'RIA',
      grantId: '101058124',
      callTopic: 'HORIZON-CL5-2021-D2-01-01',
      startDate: '2022-06-01',
      endDate: '2026-05-31',
      coordinatorName: 'KU Leuven (SIM2 / SOLVOMET)',
      coordinatorCountry: 'BE',
      summary: 'Turns Europe’s low-grade nickel and cobalt ores and tailings into battery-grade metals.',
      metals: ['Ni', 'Co'],
      resources: ['sulphidic Ni/Co ores', 'laterites', 'tailings'],
      technologies: ['circular hydrometallurgy (HCl)', 'pyrometallurgy', 'H2 reduction'],
      tags: ['nickel', 'cobalt', 'hydrometallurgy'],
    },
    partners: [{ organisation: { name: 'KU Leuven', shortName: 'KU Leuven', country: 'BE', city: 'Leuven', activityType: 'HES', lat: 50.8777, lon: 4.7003 }, role: 'coordinator' }],
  },
  {
    project: {
      acronym: 'EXCEED',
      slug: 'exceed',
      title: 'Cost-effective, sustainable and responsible extraction routes for recovering distinct critical metals and industrial minerals as by-products from key European hard-rock lithium projects',
      programme: 'HORIZON',
      fundingScheme: 'IA',
      grantId: '101091543',
      callTopic: 'HORIZON-CL4-2022-RESILIENCE-01-07',
      summary: 'Recovers critical metals and industrial minerals as by-products of European hard-rock lithium mining.',
      metals: ['Li', 'REE', 'Nb', 'Ta', 'W', 'Be'],
      tags: ['lithium', 'by-products'],
    },
  },
];

export const events: EventSeed[] = [
  {
    event: {
      title: 'EXCEED 1st Capacity Building Seminar',
      slug: 'exceed-capacity-building-seminar-2024',
      type: 'seminar',
      format: 'online',
      summary: 'Three online lectures for graduate students and early-stage researchers.',
      startsAt: '2024-02-19T08:00:00Z',
      endsAt: '2024-02-19T13:30:00Z',
      timezone: 'Europe/Brussels',
      onlinePlatform: 'Zoom',
      organisers: 'EXCEED project',
      registrationNote: 'Registration closes on 15 February 2024. Registered participants receive the Zoom link by e-mail.',
      programme: [
        {
          kind: 'talk',
          title: 'Geochemical assessment in the field of mining and resource recovery',
          startsAt: '2024-02-19T08:00:00Z',
          endsAt: '2024-02-19T09:30:00Z',
          people: [{ name: 'Valérie Cappuyns', honorific: 'Prof.', affiliation: 'KU Leuven', role: 'lecturer' }],
        },
      ],
    },
    projects: ['exceed'],
  },
];

export const news: NewsSeed[] = [
  {
    post: {
      title: 'A new research agenda for Europe’s batteries',
      slug: 'batt4eu-sria-published',
      summary: 'BATT4EU’s new Strategic Research and Innovation Agenda names six imperatives for the value chain.',
      bodyMd: 'Placeholder body.',
      publishedAt: '2024-03-05T09:00:00Z',
      tags: ['SRIA', 'BATT4EU'],
    },
  },
];
