/**
 * The synergy engine: sparse weighted term vectors (BM25 or TF-IDF, bigram phrases, hyphenated words split into their
 * parts, euroSciVoc label features, boilerplate and very-common-term removal), an inverted index for top-K cosine
 * neighbours, the terms that carry each relation, and the topics members share. Pure TypeScript, in memory, no model
 * files.
 */
import { mergeIntersect, round, topK } from './engine-math.js';
import {
  DEFAULT_OPTIONS,
  type DocVector,
  type EngineDocument,
  type EngineOptions,
  type RelatedProject,
  type SharedTopic,
  type WeightedTerm,
} from './engine-types.js';
import { tokenize, type TokenizeOptions } from './text.js';

export { topK } from './engine-math.js';
export { BASELINE_OPTIONS, DEFAULT_OPTIONS, type EngineDocument, type EngineField, type EngineOptions, type RelatedProject, type SharedTopic, type WeightedTerm } from './engine-types.js';


/** An engine instance: build it from documents, then ask for related projects; update one document at a time. */
export class SynergyIndex {
  readonly options: EngineOptions;
  private readonly termIds = new Map<string, number>();
  private readonly termKeys: string[] = [];
  private readonly surfaces: string[] = [];
  private df: number[] = [];
  private readonly docIndex = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly counts: (Map<number, number> | null)[] = [];
  private readonly lengths: number[] = [];
  private vectors: (DocVector | null)[] = [];
  private postingDocs: number[][] = [];
  private postingWeights: number[][] = [];
  private hub: number[] = [];
  /** Zeroed between uses: the dense term weights of a feedback query. */
  private scratch = new Float64Array(0);
  /** Reused per query (only the touched entries are read): the first ranking's scores before feedback. */
  private firstScores = new Float64Array(0);
  private liveDocs = 0;
  private totalLength = 0;

  constructor(options: Partial<EngineOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** Builds an index over the documents (a later document with the same id replaces the earlier one). */
  static build(documents: Iterable<EngineDocument>, options: Partial<EngineOptions> = {}): SynergyIndex {
    const index = new SynergyIndex(options);
    for (const doc of documents) index.addCounts(doc);
    index.reweightAll();
    index.computeHubness();
    return index;
  }

  get size(): number {
    return this.liveDocs;
  }

  has(id: string): boolean {
    const i = this.docIndex.get(id);
    return i !== undefined && this.counts[i] !== null;
  }

  /**
   * Adds or replaces one document and recomputes its vector against the current statistics: the incremental path
   * when one project's text changes. Other documents keep their weights until the next {@link rebuild}.
   */
  upsert(doc: EngineDocument): void {
    const existing = this.docIndex.get(doc.id);
    if (existing !== undefined) this.removeAt(existing);
    const i = this.addCounts(doc);
    this.vectors[i] = this.weigh(i);
    this.addPostings(i);
    if (this.options.hubPenalty > 0) this.hub[i] = this.hubnessAt(i);
  }

  /** Removes a document (no-op when unknown). */
  remove(id: string): void {
    const i = this.docIndex.get(id);
    if (i !== undefined) this.removeAt(i);
  }

  /** Recomputes every vector from the current statistics (after many upserts). */
  rebuild(): void {
    this.reweightAll();
    this.computeHubness();
  }

  /** The document's most distinctive terms. */
  topTerms(id: string, n = 10): WeightedTerm[] {
    const v = this.vectorOf(id);
    if (!v) return [];
    const order = [...v.weights.keys()].sort((a, b) => v.weights[b] - v.weights[a]);
    return this.dedupeTerms(order.map((k) => ({ term: v.terms[k], weight: v.weights[k] })), n).map((t) => ({
      term: this.surfaces[t.term],
      weight: round(t.weight),
    }));
  }

  /**
   * The K documents most similar to `id` (cosine of the weighted vectors, hubness-corrected, re-ranked with the
   * query expanded by its nearest neighbours when `feedbackDocs` is set), each with its cosine and the terms that
   * carry it.
   */
  related(id: string, k = 10, options: { termCount?: number; filter?: (id: string) => boolean } = {}): RelatedProject[] {
    const i = this.docIndex.get(id);
    if (i === undefined || !this.vectors[i]) return [];
    const o = this.options;
    const { values, touched } = this.scoresFor(i);
    const hubOf = (d: number) => (o.hubPenalty > 0 ? o.hubPenalty * (this.hub[d] ?? 0) : 0);
    const tie = (d: number) => this.tieKey(d);
    const others = touched.filter((d) => d !== i);
    const filter = options.filter;
    let candidates = filter ? others.filter((d) => filter(this.ids[d])) : others;
    let similarity = (d: number) => values[d];
    if (o.feedbackDocs > 0 && o.feedbackWeight > 0) {
      if (this.firstScores.length < values.length) this.firstScores = new Float64Array(values.length * 2);
      const firstScores = this.firstScores;
      for (const d of others) firstScores[d] = values[d] - hubOf(d);
      const first = (d: number) => firstScores[d];
      const poolSize = Math.max(k, o.feedbackPool);
      const pool = topK(others, first, poolSize, tie);
      const neighbours = pool.slice(0, o.feedbackDocs);
      candidates = filter ? topK(candidates, first, poolSize, tie) : pool;
      const expanded = this.expandedSimilarities(values, neighbours, candidates);
      similarity = (d) => expanded.get(d) ?? 0;
    }
    const top = topK(candidates, (d) => similarity(d) - hubOf(d), k, tie);
    // the score shown stays the two projects' own cosine (symmetric, the same as `similarity`); feedback only ranks
    return top.map((d) => ({
      id: this.ids[d],
      score: round(values[d]),
      terms: this.sharedTermsAt(i, d, options.termCount ?? 5).map((t) => t.term),
    }));
  }

  /**
   * Rocchio feedback: the cosine of each candidate with the query q' = q + β·mean(neighbours). Linear in the query, so
   * q'·d = q·d (already in `queryScores`) + β·mean(n)·d, with the neighbours' mean held in a dense scratch array.
   */
  private expandedSimilarities(queryScores: Float64Array, neighbours: number[], candidates: number[]): Map<number, number> {
    const out = new Map<number, number>();
    if (neighbours.length === 0) {
      for (const d of candidates) out.set(d, queryScores[d]);
      return out;
    }
    const beta = this.options.feedbackWeight / neighbours.length;
    if (this.scratch.length < this.termKeys.length) this.scratch = new Float64Array(this.termKeys.length * 2);
    const mean = this.scratch;
    const used: number[] = [];
    for (const n of neighbours) {
      const v = this.vectors[n]!;
      for (let t = 0; t < v.terms.length; t++) {
        if (mean[v.terms[t]] === 0) used.push(v.terms[t]);
        mean[v.terms[t]] += beta * v.weights[t];
      }
    }
    // |q'|² = |q|² + 2 q·(β Σn) + |β Σn|², with |q| = 1
    let meanNorm = 0;
    for (const t of used) meanNorm += mean[t] * mean[t];
    let cross = 0;
    for (const n of neighbours) cross += beta * queryScores[n];
    const norm = Math.sqrt(1 + 2 * cross + meanNorm);
    for (const d of candidates) {
      const v = this.vectors[d]!;
      let dot = queryScores[d];
      for (let t = 0; t < v.terms.length; t++) dot += mean[v.terms[t]] * v.weights[t];
      out.set(d, dot / norm);
    }
    for (const t of used) mean[t] = 0;
    return out;
  }

  private scoresFor(i: number): { values: Float64Array; touched: number[] } {
    const v = this.vectors[i]!;
    const scores = new Float64Array(this.ids.length);
    const touched: number[] = [];
    for (let t = 0; t < v.terms.length; t++) {
      const w = v.weights[t];
      const docs = this.postingDocs[v.terms[t]];
      const weights = this.postingWeights[v.terms[t]];
      for (let p = 0; p < docs.length; p++) {
        const d = docs[p];
        if (scores[d] === 0) touched.push(d);
        scores[d] += w * weights[p];
      }
    }
    return { values: scores, touched };
  }

  private hubnessAt(i: number): number {
    if (!this.vectors[i]) return 0;
    const { values, touched } = this.scoresFor(i);
    const k = this.options.hubK;
    const top = topK(touched.filter((d) => d !== i), (d) => values[d], k, (d) => this.tieKey(d));
    let sum = 0;
    for (const d of top) sum += values[d];
    return sum / k;
  }

  private computeHubness(): void {
    this.hub = [];
    if (this.options.hubPenalty <= 0) return;
    for (let i = 0; i < this.ids.length; i++) this.hub[i] = this.hubnessAt(i);
  }

  /** Cosine similarity of two documents (0 when either is unknown or empty). */
  similarity(a: string, b: string): number {
    const va = this.vectorOf(a);
    const vb = this.vectorOf(b);
    if (!va || !vb) return 0;
    let s = 0;
    mergeIntersect(va, vb, (_t, wa, wb) => {
      s += wa * wb;
    });
    return round(s);
  }

  /** The terms two documents share, heaviest contribution to their similarity first. */
  sharedTerms(a: string, b: string, n = 5): WeightedTerm[] {
    const ia = this.docIndex.get(a);
    const ib = this.docIndex.get(b);
    if (ia === undefined || ib === undefined) return [];
    return this.sharedTermsAt(ia, ib, n);
  }

  /**
   * Topics shared by at least two of the given documents (members): terms present in several of them, scored by the
   * weight they carry in each. Each topic lists the ids that have it.
   */
  sharedTopics(ids: string[], n = 30): SharedTopic[] {
    const byTerm = new Map<number, { ids: string[]; weights: number[] }>();
    for (const id of ids) {
      const v = this.vectorOf(id);
      if (!v) continue;
      for (let t = 0; t < v.terms.length; t++) {
        let entry = byTerm.get(v.terms[t]);
        if (!entry) byTerm.set(v.terms[t], (entry = { ids: [], weights: [] }));
        entry.ids.push(id);
        entry.weights.push(v.weights[t]);
      }
    }
    const topics: { term: number; ids: string[]; score: number }[] = [];
    for (const [term, entry] of byTerm) {
      if (entry.ids.length < 2) continue;
      const sum = entry.weights.reduce((a, b) => a + b, 0);
      topics.push({ term, ids: entry.ids, score: sum * Math.log2(entry.ids.length) });
    }
    topics.sort((a, b) => b.score - a.score);
    return this.dedupeTerms(
      topics.map((t) => ({ term: t.term, weight: t.score, ids: t.ids })),
      n,
    ).map((t) => ({ key: this.termKeys[t.term], term: this.surfaces[t.term], ids: t.ids, score: round(t.weight) }));
  }

  /** Ids of the documents that carry a term key (as returned in {@link SharedTopic.key}). */
  documentsWithTerm(key: string): string[] {
    const t = this.termIds.get(key);
    if (t === undefined) return [];
    const docs = this.postingDocs[t] ?? [];
    const weights = this.postingWeights[t] ?? [];
    return [...docs.keys()].sort((a, b) => weights[b] - weights[a]).map((p) => this.ids[docs[p]]);
  }

  /** The readable form of a term key, or null when unknown. */
  surfaceOf(key: string): string | null {
    const t = this.termIds.get(key);
    return t === undefined ? null : this.surfaces[t];
  }

  // ---- internals ----

  /**
   * Orders equal scores (documents with identical label sets tie often) by a hash of the id, not by corpus order:
   * CORDIS ids are grant numbers handed out call by call, so ordering by id or by file position would smuggle the
   * call into the ranking.
   */
  private tieKey(d: number): number {
    let h = 0x811c9dc5;
    const id = this.ids[d];
    for (let c = 0; c < id.length; c++) h = Math.imul(h ^ id.charCodeAt(c), 0x01000193);
    return h >>> 0;
  }

  private vectorOf(id: string): DocVector | null {
    const i = this.docIndex.get(id);
    return i === undefined ? null : this.vectors[i];
  }

  private tokenOptions(): TokenizeOptions {
    const o = this.options;
    return { stem: o.stem, prefix: o.prefix, bigrams: o.bigrams, boilerplate: o.boilerplate, splitCompounds: o.splitCompounds };
  }

  private term(key: string, surface: string): number {
    let t = this.termIds.get(key);
    if (t === undefined) {
      t = this.termKeys.length;
      this.termIds.set(key, t);
      this.termKeys.push(key);
      this.surfaces.push(surface);
      this.df.push(0);
      this.postingDocs.push([]);
      this.postingWeights.push([]);
    }
    return t;
  }

  private addCounts(doc: EngineDocument): number {
    const existing = this.docIndex.get(doc.id);
    if (existing !== undefined) this.removeAt(existing);
    const counts = new Map<number, number>();
    const tokenOptions = this.tokenOptions();
    const exclude = new Set((doc.exclude ?? []).map((w) => w.toLowerCase()));
    let length = 0;
    const add = (key: string, surface: string, weight: number) => {
      const t = this.term(key, surface);
      counts.set(t, (counts.get(t) ?? 0) + weight);
      length += weight;
    };
    for (const field of doc.fields) {
      const weight = field.weight ?? 1;
      if (field.kind === 'label' && this.options.labelFeatures) {
        const segments = field.text.split('/').map((s) => s.trim().toLowerCase()).filter(Boolean);
        for (let depth = 1; depth <= segments.length; depth++) {
          add(`§${segments.slice(0, depth).join('/')}`, segments[depth - 1], weight * this.options.labelWeight);
        }
        continue;
      }
      const text = field.kind === 'label' ? field.text.replace(/\//g, ' . ') : field.text;
      for (const token of tokenize(text, tokenOptions)) {
        if (exclude.size > 0 && token.surface.split(' ').some((w) => exclude.has(w))) continue;
        add(token.key, token.surface, weight);
      }
    }
    let i = existing;
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(doc.id);
      this.docIndex.set(doc.id, i);
      this.vectors.push(null);
      this.counts.push(null);
      this.lengths.push(0);
    }
    this.counts[i] = counts;
    this.lengths[i] = length;
    this.totalLength += length;
    this.liveDocs++;
    for (const t of counts.keys()) this.df[t]++;
    return i;
  }

  private removeAt(i: number): void {
    const counts = this.counts[i];
    if (!counts) return;
    const v = this.vectors[i];
    if (v) {
      for (const t of v.terms) {
        const docs = this.postingDocs[t];
        const p = docs.indexOf(i);
        if (p >= 0) {
          docs.splice(p, 1);
          this.postingWeights[t].splice(p, 1);
        }
      }
    }
    for (const t of counts.keys()) this.df[t]--;
    this.totalLength -= this.lengths[i];
    this.liveDocs--;
    this.counts[i] = null;
    this.vectors[i] = null;
    this.lengths[i] = 0;
  }

  private reweightAll(): void {
    this.postingDocs = this.termKeys.map(() => []);
    this.postingWeights = this.termKeys.map(() => []);
    this.vectors = this.counts.map((_c, i) => this.weigh(i));
    for (let i = 0; i < this.vectors.length; i++) this.addPostings(i);
  }

  private addPostings(i: number): void {
    const v = this.vectors[i];
    if (!v) return;
    for (let t = 0; t < v.terms.length; t++) {
      this.postingDocs[v.terms[t]].push(i);
      this.postingWeights[v.terms[t]].push(v.weights[t]);
    }
  }

  private weigh(i: number): DocVector | null {
    const counts = this.counts[i];
    if (!counts || counts.size === 0) return null;
    const o = this.options;
    const n = Math.max(1, this.liveDocs);
    const maxDf = o.maxDfRatio >= 1 ? Infinity : Math.max(o.minDf, o.maxDfFloor, o.maxDfRatio * n);
    const avgLength = this.totalLength / n || 1;
    const norm = o.k1 * (1 - o.b + (o.b * this.lengths[i]) / avgLength);
    let entries: [number, number][] = [];
    for (const [t, tf] of counts) {
      const df = this.df[t];
      if (df < o.minDf || df > maxDf) continue;
      let w: number;
      if (o.scheme === 'bm25') {
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)) ** o.idfExponent;
        w = (idf * tf * (o.k1 + 1)) / (tf + norm);
      } else {
        const idf = Math.log(n / df) ** o.idfExponent;
        w = (o.sublinear ? 1 + Math.log(tf) : tf) * idf;
      }
      if (w > 0) entries.push([t, w]);
    }
    if (entries.length === 0) return null;
    if (entries.length > o.maxTermsPerDoc) {
      entries.sort((a, b) => b[1] - a[1]);
      entries = entries.slice(0, o.maxTermsPerDoc);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const isLabel = (t: number) => this.termKeys[t].charCodeAt(0) === 0xa7; // '§'
    let labelSum = 0;
    let textSum = 0;
    for (const [t, w] of entries) {
      if (isLabel(t)) labelSum += w * w;
      else textSum += w * w;
    }
    let labelScale: number;
    let textScale: number;
    if (o.labelShare === null || labelSum === 0 || textSum === 0) {
      labelScale = textScale = 1 / Math.sqrt(labelSum + textSum);
    } else {
      labelScale = Math.sqrt(o.labelShare / labelSum);
      textScale = Math.sqrt((1 - o.labelShare) / textSum);
    }
    return {
      terms: Int32Array.from(entries, (e) => e[0]),
      weights: Float32Array.from(entries, (e) => e[1] * (isLabel(e[0]) ? labelScale : textScale)),
    };
  }

  private sharedTermsAt(a: number, b: number, n: number): WeightedTerm[] {
    const va = this.vectors[a];
    const vb = this.vectors[b];
    if (!va || !vb) return [];
    const shared: { term: number; weight: number }[] = [];
    mergeIntersect(va, vb, (t, wa, wb) => shared.push({ term: t, weight: wa * wb }));
    shared.sort((x, y) => y.weight - x.weight);
    return this.dedupeTerms(shared, n).map((s) => ({ term: this.surfaces[s.term], weight: round(s.weight) }));
  }

  /**
   * Shows each word once: a word is left out when a phrase that contains it is shown, whether the phrase weighs more
   * ("rare earth" then not "rare") or less ("rare" and "earth" give way when "rare earth" follows them).
   */
  private dedupeTerms<T extends { term: number }>(items: T[], n: number): T[] {
    let out: T[] = [];
    const covers = (phrase: string, word: string) => phrase === word || phrase.split(' ').includes(word);
    for (const item of items) {
      const surface = this.surfaces[item.term];
      if (out.some((o) => covers(this.surfaces[o.term], surface))) continue;
      if (surface.includes(' ')) out = out.filter((o) => !covers(surface, this.surfaces[o.term]));
      out.push(item);
      if (out.length >= n) break;
    }
    return out;
  }
}
