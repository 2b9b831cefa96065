import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';

/** The highest page number a list accepts: far beyond any list the hub holds, low enough to keep offsets small. */
export const MAX_PAGE = 10_000;

/** The `page` of every paged list's query string: a whole number from 1 to MAX_PAGE, 1 when absent. */
export const pageNumber = { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 } as const;

/** The most items one answer of a JSON list gives: enough for a client to page quickly, small enough to answer fast. */
export const API_MAX_LIMIT = 100;

/**
 * The `limit` of a JSON list's query string, described in the OpenAPI document; above API_MAX_LIMIT it is a 400
 * that names the field and the bound.
 */
export function apiLimit(fallback: number) {
  return {
    type: 'integer',
    minimum: 1,
    maximum: API_MAX_LIMIT,
    default: fallback,
    description: `How many items one page holds, from 1 to ${API_MAX_LIMIT}; ${fallback} when absent.`,
  } as const;
}

/** The `page` of a JSON list, as `pageNumber` and described. */
export const apiPage = { ...pageNumber, description: `Which page of the list, from 1 to ${MAX_PAGE.toLocaleString('en')}; 1 when absent.` } as const;

/** The `:id` of every route that addresses a row by its number. */
export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } },
} as const;

/** The `:slug` of every public page addressed by name (events, news, projects). */
export const slugParams = {
  type: 'object',
  required: ['slug'],
  properties: { slug: { type: 'string', maxLength: 120, pattern: '^[a-z0-9][a-z0-9-]*$' } },
} as const;

/** The query of every back-office list: a search, the page, and the key of the message to show after an action. */
export const listQuery = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 200 },
    page: pageNumber,
    done: { type: 'string', maxLength: 60 },
  },
} as const;

export interface ListQuery {
  q?: string;
  page: number;
  done?: string;
}

/** Where the first number that is not finite sits in validated data (`/page`), or null when there is none. */
function nonFinitePath(data: unknown): string | null {
  // A JSON body may nest deeply: walk it with a stack rather than recursion.
  const stack: [unknown, string][] = [[data, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) return path;
    if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [key, child] of Object.entries(value)) stack.push([child, `${path}/${key}`]);
    }
  }
  return null;
}

type Validate = ((data: unknown, context?: unknown) => boolean | Promise<unknown>) & { errors?: unknown[] | null; schemaEnv?: unknown };

/**
 * Fastify's own Ajv validators, which also refuse numbers that are not finite. Ajv's type coercion turns the
 * strings "Infinity", "-Infinity" and "1e309" into numbers that pass `type: integer` and skip `minimum` and
 * `maximum` (ajv-validator/ajv#2212, fastify/fastify#6718); JSON.parse makes Infinity of 1e309 too. Such a number
 * would reach a query (a page offset, an id) and fail there with a 500; here it is a 400 naming the field.
 */
export function finiteNumbersOnly(): ValidatorFactory {
  const buildAjvCompiler = AjvCompiler();
  return (externalSchemas, options) => {
    const compile = buildAjvCompiler(externalSchemas, options);
    return (route) => {
      const validate = compile(route) as Validate;
      const checked: Validate = (data, context) => {
        const valid = validate(data, context);
        // Async schemas ($async) are not used here; pass their promise on as Ajv answers it.
        if (typeof valid !== 'boolean') return valid;
        const path = valid ? nonFinitePath(data) : null;
        checked.errors = path === null ? validate.errors : [{ instancePath: path, keyword: 'type', params: {}, message: 'must be a finite number' }];
        return valid && path === null;
      };
      // Fastify passes the parent object only to a function with schemaEnv, so that Ajv may coerce the root value.
      checked.schemaEnv = validate.schemaEnv;
      return checked as ReturnType<typeof compile>;
    };
  };
}
