export const newsListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    page: { type: 'integer', minimum: 1, maximum: 10000, default: 1 },
    tag: { type: 'string', maxLength: 60 },
    project: { type: 'string', maxLength: 80, pattern: '^[a-z0-9-]*$' },
  },
} as const;

export interface NewsListQuery {
  page: number;
  tag?: string;
  project?: string;
}
