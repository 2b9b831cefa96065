/**
 * Turns CORDIS projects into engine documents and holds the rule for which call topics are "specific" (used by the
 * benchmark's quality measure).
 */
import type { CordisDataset, CordisProject } from './cordis.js';
import type { EngineDocument, EngineField } from './engine.js';

export interface CorpusOptions {
  /** Include the objective (absent from the shipped subset, present in the full download). */
  objective?: boolean;
  /** Deliverable titles seen in at least this many projects are boilerplate ("Data management plan") and dropped. */
  boilerplateTitleMin?: number;
  /** Weight of deliverable descriptions against titles (1 = same). */
  descriptionWeight?: number;
  reportWeight?: number;
  /** Drop the project's own acronym from its text (off: sibling projects name each other, which helps). */
  excludeAcronym?: boolean;
  /** Deliverable types left out ("Websites, patent fillings, videos etc."). */
  skipTypes?: string[];
  /**
   * Weight of the programme part (legal basis, "HORIZON.2.5.7") as label features; 0 or absent leaves it out, as the
   * benchmark's headline figure must. Metadata, not the project's words, though it correlates with the call topic.
   */
  programmeWeight?: number;
}

const REPORT_PREFIX = /^Periodic Reporting for period \d+\s*-\s*/i;
const SKIPPED_DELIVERABLE_TYPES = new Set(['data management plan', 'ethics requirements']);

/** Lower-cased, digits and punctuation removed: how deliverable titles are compared to find boilerplate. */
export function titleKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, ' ')
    .replace(/\b(d|wp|m|v)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Deliverable titles that many projects share (website, data management plan, dissemination plan…). */
export function boilerplateTitles(projects: Iterable<CordisProject>, minProjects: number): Set<string> {
  const seen = new Map<string, number>();
  for (const p of projects) {
    const keys = new Set(p.deliverables.map((d) => titleKey(d.title)));
    for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n >= minProjects).map(([k]) => k));
}

/**
 * A project's text for the engine: deliverable titles and descriptions, report titles (the "Periodic Reporting…"
 * prefix removed; they carry the full project title), euroSciVoc labels, and the objective when present. Never the
 * call topic: that is what the benchmark checks against.
 */
export function projectDocument(p: CordisProject, boilerplate: Set<string> = new Set(), options: CorpusOptions = {}): EngineDocument {
  const fields: EngineField[] = [];
  if (options.objective !== false && p.objective) fields.push({ text: p.objective });
  for (const d of p.deliverables) {
    const type = d.type.toLowerCase();
    if (SKIPPED_DELIVERABLE_TYPES.has(type) || options.skipTypes?.some((t) => type.startsWith(t))) continue;
    if (boilerplate.has(titleKey(d.title))) continue;
    fields.push({ text: d.title });
    if (d.description && d.description !== d.title && options.descriptionWeight !== 0) {
      fields.push({ text: d.description, weight: options.descriptionWeight ?? 0.5 });
    }
  }
  for (const r of p.reports) fields.push({ text: r.title.replace(REPORT_PREFIX, ''), weight: options.reportWeight ?? 4 });
  for (const s of p.sciVoc) fields.push({ text: s.path, kind: 'label' });
  if (options.programmeWeight) {
    for (const l of p.legalBasis) fields.push({ text: programmePath(l.code), kind: 'label', weight: options.programmeWeight });
  }
  const exclude =
    options.excludeAcronym === true && p.acronym
      ? [p.acronym.toLowerCase(), ...p.acronym.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1)]
      : [];
  return { id: p.id, fields, exclude };
}

/** A programme part as a label path of its ancestors: "HORIZON.2.5.7" → "/HORIZON.2/HORIZON.2.5/HORIZON.2.5.7". */
export function programmePath(code: string): string {
  const parts = code.split('.');
  return parts.slice(1).map((_p, i) => '/' + parts.slice(0, i + 2).join('.')).join('') || `/${code}`;
}

/** The same text as plain strings, for the baseline (no boilerplate removal, labels as words). */
export function plainDocument(p: CordisProject): EngineDocument {
  const fields: EngineField[] = deliverableDocument(p).fields;
  if (p.objective) fields.push({ text: p.objective });
  for (const r of p.reports) fields.push({ text: r.title.replace(REPORT_PREFIX, '') });
  for (const s of p.sciVoc) fields.push({ text: s.path, kind: 'label' });
  return { id: p.id, fields };
}

/** Deliverable titles and descriptions alone: the reading of the baseline ("on deliverable text"). */
export function deliverableDocument(p: CordisProject): EngineDocument {
  const fields: EngineField[] = [];
  for (const d of p.deliverables) {
    fields.push({ text: d.title });
    if (d.description && d.description !== d.title) fields.push({ text: d.description });
  }
  return { id: p.id, fields };
}

/** Engine documents for every project of a dataset that has some text. */
export function corpusDocuments(dataset: CordisDataset, options: CorpusOptions = {}): EngineDocument[] {
  const boilerplate = boilerplateTitles(dataset.projects.values(), options.boilerplateTitleMin ?? 20);
  const docs: EngineDocument[] = [];
  for (const p of dataset.projects.values()) {
    const doc = projectDocument(p, boilerplate, options);
    if (doc.fields.length > 0) docs.push(doc);
  }
  return docs;
}

const GENERIC_CODE = /(^|-)(ERC|MSCA|EIC|WIDERA|CSA|COFUND)(-|$)/i;
const GENERIC_TITLE = /\((CSA|COFUND)\)|\bCSA\b|co-?fund/i;

/**
 * Whether a project's call topic is specific enough to judge relatedness by, from the call topic alone (as the issue
 * words it): not ERC, MSCA, EIC or WIDERA and not a coordination and support action or co-fund — a topic code segment
 * ERC/MSCA/EIC/WIDERA/CSA/COFUND, or "(CSA)", "CSA", "co-fund" in the topic title (Horizon Europe codes rarely carry the
 * action type; the title does). The legal basis is not consulted: a mission topic part-funded from the Widening budget
 * line is still a specific mission topic.
 */
export function isSpecificTopic(p: CordisProject): boolean {
  const topic = p.topics[0];
  if (!topic) return false;
  return !GENERIC_CODE.test(topic.code) && !GENERIC_TITLE.test(topic.title);
}

/**
 * The evaluation set of the benchmark: corpus projects with a specific call topic that at least `minShared` corpus
 * projects share. Answers project id → topic code.
 */
export function evaluationSet(projects: CordisProject[], minShared = 3): Map<string, string> {
  const count = new Map<string, number>();
  for (const p of projects) {
    const code = p.topics[0]?.code;
    if (code) count.set(code, (count.get(code) ?? 0) + 1);
  }
  const out = new Map<string, string>();
  for (const p of projects) {
    const code = p.topics[0]?.code;
    if (code && (count.get(code) ?? 0) >= minShared && isSpecificTopic(p)) out.set(p.id, code);
  }
  return out;
}

/** Mean share of each evaluated project's top `k` that has the same call topic (a project with no answer counts 0). */
export function precisionAtK(
  evaluation: Map<string, string>,
  topicOf: (id: string) => string | undefined,
  relatedOf: (id: string) => string[],
  k = 5,
): number {
  if (evaluation.size === 0) return 0;
  let sum = 0;
  for (const [id, topic] of evaluation) {
    const top = relatedOf(id).slice(0, k);
    sum += top.filter((r) => topicOf(r) === topic).length / k;
  }
  return sum / evaluation.size;
}
