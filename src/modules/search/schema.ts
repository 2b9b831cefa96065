import { SEARCH_KINDS, SEARCH_PAGE_SIZE } from './service.js';
import { apiLimit, apiPage, pageNumber } from '../../lib/validation.js';

/**
 * Query string of /search and /api/v1/search. `q` is deliberately loose (any text up to 10,000
 * characters): the parser, not the schema, decides what to make of it.
 */
export const searchQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 10_000, default: '' },
    type: { type: 'string', enum: ['', ...SEARCH_KINDS] },
    year: { anyOf: [{ type: 'integer', minimum: 1990, maximum: 2100 }, { type: 'string', maxLength: 0 }] },
    project: { type: 'string', maxLength: 100, pattern: '^[a-z0-9-]*$', description: 'Slug of a project: only what belongs to it' },
    page: pageNumber,
  },
} as const;

/** The API's query string: the page's, with `limit` results a page. */
export const searchApiQuery = { ...searchQuery, properties: { ...searchQuery.properties, page: apiPage, limit: apiLimit(SEARCH_PAGE_SIZE) } } as const;

export interface SearchQuery {
  q: string;
  type?: (typeof SEARCH_KINDS)[number] | '';
  year?: number | '';
  project?: string;
  page: number;
  /** Results a page; only the API takes it. */
  limit?: number;
}

const segment = { type: 'object', properties: { text: { type: 'string' }, match: { type: 'boolean' } } } as const;

export const searchResponse = {
  200: {
    type: 'object',
    properties: {
      q: { type: 'string' },
      total: { type: 'integer', description: 'Matches, counted up to 1000' },
      totalCapped: { type: 'boolean', description: 'True when there are more than `total` matches' },
      page: { type: 'integer' },
      pageCount: { type: 'integer' },
      suggestion: { type: 'string', description: 'A corrected query that finds something, when this one finds nothing' },
      notice: { type: 'string' },
      results: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            type: { type: 'string', enum: [...SEARCH_KINDS] },
            url: { type: 'string' },
            date: { type: ['string', 'null'] },
            title: { type: 'string' },
            snippet: { type: 'string' },
            titleSegments: { type: 'array', items: segment, description: 'The title in pieces; `match` marks the words that matched' },
            snippetSegments: { type: 'array', items: segment },
          },
        },
      },
    },
  },
} as const;
