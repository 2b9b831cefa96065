import { finiteNumbersOnly } from '../../lib/validation.js';
import { ACCESS_LEVELS, type Access, CATEGORIES, type Category, FIELD_BY_KEY, FIELDS, type FieldDef, MATERIALS, materialName } from './fields.js';

// The passport as JSON in the module's own schema (import, export, API) and as the flat map the database keeps.

/** A stored value: numbers without their unit (the catalogue holds it), dated readings as [date, value] pairs. */
export type FlatValue = string | number | string[] | [string, number][];
export type Flat = Record<string, FlatValue>;

export const FORMAT = 'cluster-hub-battery-passport/1';

/** A passport identifier: a URN of the owner's choosing, e.g. urn:free4lib:bp:ev-0001 (letters, digits, . _ -). */
export const IDENTIFIER_PATTERN = '^urn:[a-z0-9][a-z0-9-]{0,31}(:[A-Za-z0-9._-]{1,64}){1,4}$';
export const IDENTIFIER_MAX = 200;
const identifierRe = new RegExp(IDENTIFIER_PATTERN);
export const isIdentifier = (value: string) => value.length <= IDENTIFIER_MAX && identifierRe.test(value);

export interface PassportDocument {
  format: typeof FORMAT;
  identifier: string;
  model: string;
  category: Category;
  demonstrator?: boolean;
  /** Data points whose access the owner has tightened beyond the regulation's default. */
  access?: Record<string, Access>;
  [group: string]: unknown;
}

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 };

function valueSchema(field: FieldDef): object {
  const measured = (max?: number) => ({
    type: 'object',
    required: ['value', 'unit'],
    additionalProperties: false,
    properties: { value: { type: 'number', minimum: 0, ...(max !== undefined ? { maximum: max } : {}) }, unit: { const: field.unit } },
  });
  switch (field.kind) {
    case 'text':
      return { type: 'string', minLength: 1, maxLength: 300 };
    case 'longtext':
      return { type: 'string', minLength: 1, maxLength: 5000 };
    case 'quantity':
      return measured(1e9);
    case 'share':
      return measured(100);
    case 'date':
      return DATE;
    case 'list':
      return { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 120 } };
    case 'url':
      return { type: 'string', maxLength: 500, pattern: '^https?://[^\\s<>"]+$' };
    case 'choice':
      return { enum: field.choices };
    case 'passport':
      return { type: 'string', maxLength: IDENTIFIER_MAX, pattern: IDENTIFIER_PATTERN };
    case 'series':
      return { type: 'array', maxItems: 1000, items: { type: 'object', required: ['date', 'value', 'unit'], additionalProperties: false, properties: { date: DATE, value: { type: 'number', minimum: 0, maximum: 100 }, unit: { const: field.unit } } } };
  }
}

/** Nests the catalogue's dotted keys into JSON Schema objects. */
function nest(fields: readonly FieldDef[], depth: number): Record<string, object> {
  const byHead = new Map<string, FieldDef[]>();
  for (const f of fields) {
    const head = f.key.split('.')[depth];
    byHead.set(head, [...(byHead.get(head) ?? []), f]);
  }
  const properties: Record<string, object> = {};
  for (const [head, list] of byHead) {
    properties[head] = list.length === 1 && list[0].key.split('.').length === depth + 1 ? valueSchema(list[0]) : { type: 'object', additionalProperties: false, properties: nest(list, depth + 1) };
  }
  return properties;
}

/** The module's JSON Schema of a passport document (served at /passports/schema.json). */
export const passportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Battery passport (Cluster Hub sandbox)',
  type: 'object',
  required: ['format', 'identifier', 'model', 'category'],
  additionalProperties: false,
  properties: {
    format: { const: FORMAT },
    identifier: { type: 'string', maxLength: IDENTIFIER_MAX, pattern: IDENTIFIER_PATTERN },
    model: { type: 'string', minLength: 1, maxLength: 120 },
    category: { enum: CATEGORIES },
    demonstrator: { type: 'boolean' },
    access: { type: 'object', maxProperties: FIELDS.length, propertyNames: { enum: FIELDS.map((f) => f.key) }, additionalProperties: { enum: ACCESS_LEVELS } },
    ...nest(FIELDS, 0),
  },
} as const;

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

// The app's own Ajv (Fastify's compiler with its finite-numbers guard), without type coercion: an import is JSON.
const validate = finiteNumbersOnly()({}, { customOptions: { coerceTypes: false, allErrors: true, removeAdditional: false, strict: false } })({
  schema: passportSchema,
  method: 'POST',
  url: '/passports',
  httpPart: 'body',
}) as ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/** The catalogue key (or top-level name) an error's JSON path points into: `/general/mass/value` → `general.mass`. */
function fieldOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    if (FIELD_BY_KEY.has(key) || n === 1) return key;
  }
  return '_form';
}

function explain(error: AjvError): [string, string] {
  const field = fieldOf(error.instancePath);
  const def = FIELD_BY_KEY.get(field);
  const p = error.params;
  switch (error.keyword) {
    case 'additionalProperties':
      return [error.instancePath ? `${field}.${String(p.additionalProperty)}` : String(p.additionalProperty), 'is not a data point of the passport.'];
    case 'const':
      return [field, error.instancePath.endsWith('/unit') && def?.unit ? `must be given in ${def.unit}.` : `must be ${JSON.stringify(p.allowedValue)}.`];
    case 'maximum':
      return [field, def?.kind === 'share' || def?.kind === 'series' ? 'must be a share from 0 to 100 %.' : `must be at most ${String(p.limit)}.`];
    case 'minimum':
      return [field, 'must not be negative.'];
    case 'required':
      return [error.instancePath ? `${field}${FIELD_BY_KEY.has(field) ? '' : '.' + String(p.missingProperty)}` : String(p.missingProperty), `needs ${String(p.missingProperty)}.`];
    case 'pattern':
      return [field, field === 'identifier' || def?.kind === 'passport' ? 'must be a passport identifier like urn:project:bp:0001.' : def?.kind === 'date' ? 'must be a date like 2026-05-31.' : 'is not in the expected form.'];
    case 'enum':
      return [field, `must be one of: ${(p.allowedValues as unknown[]).join(', ')}.`];
    case 'propertyNames':
      return [field, `names a data point that does not exist: ${String(p.propertyName)}.`];
    default:
      return [field, `${error.message ?? 'is not valid'}.`];
  }
}

/** Checks a document against the schema and the rules a schema cannot say; one message per failing field, by name. */
export function checkDocument(doc: unknown): { ok: true; doc: PassportDocument } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!validate(doc)) {
    for (const error of validate.errors ?? []) {
      const [field, message] = explain(error);
      errors[field] ??= message;
    }
    return { ok: false, errors };
  }
  const flat = toFlat(doc as PassportDocument);
  for (const m of MATERIALS) {
    const pre = Number(flat[`circularity.recycled.${m}.preConsumer`] ?? 0);
    const post = Number(flat[`circularity.recycled.${m}.postConsumer`] ?? 0);
    if (pre + post > 100) errors[`circularity.recycled.${m}`] = `${materialName(m)}: the recycled shares add up to ${pre + post} %, more than 100 %.`;
  }
  for (const [key, level] of Object.entries((doc as PassportDocument).access ?? {})) {
    if (!tightens(FIELD_BY_KEY.get(key)!.access, level)) errors[`access.${key}`] = `may only be tightened: the regulation makes it ${FIELD_BY_KEY.get(key)!.access}.`;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, doc: doc as PassportDocument };
}

/** True when `level` lets no more people read than `base`. */
export const tightens = (base: Access, level: Access) => ACCESS_LEVELS.indexOf(level) >= ACCESS_LEVELS.indexOf(base);

function get(doc: Record<string, unknown>, key: string): unknown {
  let node: unknown = doc;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function set(doc: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = doc;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}

/** The stored form of a checked document's data points: units dropped (each field has one), readings as pairs. */
export function toFlat(doc: Record<string, unknown>): Flat {
  const flat: Flat = {};
  for (const field of FIELDS) {
    const value = get(doc, field.key);
    if (value === undefined) continue;
    if (field.kind === 'quantity' || field.kind === 'share') flat[field.key] = (value as { value: number }).value;
    else if (field.kind === 'series') flat[field.key] = (value as { date: string; value: number }[]).map((r) => [r.date, r.value] as [string, number]);
    else flat[field.key] = value as FlatValue;
  }
  return flat;
}

/** One data point as the document shows it, its unit beside the number. */
export function documentValue(field: FieldDef, value: FlatValue): unknown {
  if (field.kind === 'quantity' || field.kind === 'share') return { value, unit: field.unit };
  if (field.kind === 'series') return (value as [string, number][]).map(([date, v]) => ({ date, value: v, unit: field.unit }));
  return value;
}

/** The document of a passport's data points (those in `flat`, e.g. only the ones a reader may see). */
export function toDocument(head: { identifier: string; model: string; category: Category; demonstrator: boolean; access?: Record<string, Access> }, flat: Flat): PassportDocument {
  const doc: PassportDocument = { format: FORMAT, identifier: head.identifier, model: head.model, category: head.category, demonstrator: head.demonstrator };
  if (head.access && Object.keys(head.access).length) doc.access = head.access;
  for (const field of FIELDS) if (flat[field.key] !== undefined) set(doc, field.key, documentValue(field, flat[field.key]));
  return doc;
}
