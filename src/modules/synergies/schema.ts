import { VALUE_CHAIN_STAGES, type ValueChainStage } from './service.js';
import { apiLimit } from '../../lib/validation.js';

/** /map filters: unknown parameters or values are refused with 400. Empty strings mean "all". */
export const mapQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    project: { type: 'string', maxLength: 80, pattern: '^[a-z0-9-]*$' },
    country: { type: 'string', pattern: '^([A-Z]{2})?$' },
    type: { type: 'string', enum: ['', 'HES', 'REC', 'PRC', 'PUB', 'OTH'] },
    stage: { type: 'string', enum: ['', ...VALUE_CHAIN_STAGES] },
  },
} as const;

export interface MapQuery {
  project?: string;
  country?: string;
  type?: string;
  stage?: '' | ValueChainStage;
}

export const topicParams = {
  type: 'object',
  additionalProperties: false,
  required: ['slug'],
  properties: { slug: { type: 'string', minLength: 1, maxLength: 90, pattern: '^[a-z0-9-]+$' } },
} as const;

/** A post or reply in a topic's discussion. */
export const topicPostBody = {
  type: 'object',
  required: ['body'],
  properties: {
    _csrf: { type: 'string' },
    body: { type: 'string', maxLength: 5000 },
    parentId: { type: 'string', pattern: '^[0-9]{1,9}$' },
  },
} as const;

export interface TopicPostBody {
  body: string;
  parentId?: string;
}

export const relatedApiQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: apiLimit(10) },
} as const;

/** A project slug in a URL: what `toSlug` makes, nothing else (a NUL byte would reach the database otherwise). */
export const projectSlugParams = {
  type: 'object',
  additionalProperties: false,
  required: ['slug'],
  properties: { slug: { type: 'string', minLength: 1, maxLength: 120, pattern: '^[a-z0-9-]+$' } },
} as const;
