/** What the synergy engine takes and gives, and the settings it runs with (the baseline and the tuned defaults). */

/** A piece of a project's text. `label` fields hold a euroSciVoc path ("/natural sciences/…/microscopy"). */
export interface EngineField {
  text: string;
  kind?: 'text' | 'label';
  /** Counts each token this many times (default 1). */
  weight?: number;
}
export interface EngineDocument {
  id: string;
  fields: EngineField[];
  /** Words to leave out of this document only (its own acronym: a name, not a subject). */
  exclude?: string[];
}
export interface EngineOptions {
  scheme: 'tfidf' | 'bm25';
  stem: boolean;
  /** With `stem`, words are cut to this many letters (0: no cut). */
  prefix: number;
  bigrams: boolean;
  /** A hyphenated word counts as its parts and forms no bigram ("6G-SHINE" → "6g", "shine"); see `tokenize`. */
  splitCompounds: boolean;
  boilerplate: boolean;
  /** Label paths become features of their own (every prefix of the path); otherwise they are plain words. */
  labelFeatures: boolean;
  labelWeight: number;
  /** Terms found in more than this share of documents say nothing distinctive and are dropped. */
  maxDfRatio: number;
  /** …but never cut below this many documents, so a small corpus (the members alone) keeps its common themes. */
  maxDfFloor: number;
  /** Terms found in fewer documents cannot relate two projects and are dropped. */
  minDf: number;
  /** Keeps only a document's heaviest terms (speed, and less noise); Infinity keeps all. */
  maxTermsPerDoc: number;
  /**
   * When set (0..1), label features and words are normalised apart and the label part gets this share of the vector's
   * energy, so a long text does not drown a document's few labels. null mixes them in one vector.
   */
  labelShare: number | null;
  /**
   * Hubness correction (CSLS): a candidate's score is lowered by this factor times the mean similarity of the candidate
   * to its own nearest neighbours, so documents similar to everything stop crowding every list. 0 turns it off.
   */
  hubPenalty: number;
  hubK: number;
  /** `sublinear` uses 1 + ln(tf) in the TF-IDF scheme. */
  sublinear: boolean;
  /**
   * IDF is raised to this power (1: plain). Below 1 it flattens IDF: with the very common terms already cut
   * (`maxDfRatio`) and hubs corrected (`hubPenalty`), full IDF over-rewards terms that two projects share by accident.
   */
  idfExponent: number;
  /**
   * Pseudo-relevance feedback: the query is expanded by this many of its first nearest neighbours (0: off) and the
   * candidates are ranked again, so a project also meets those that share its neighbours' wording for the same subject.
   */
  feedbackDocs: number;
  /** Weight of the neighbours' mean vector against the query's own (Rocchio's beta). */
  feedbackWeight: number;
  /** The expanded query re-ranks this many of the first ranking's candidates (cost bound; beyond it nothing moves up). */
  feedbackPool: number;
  k1: number;
  b: number;
}

/**
 * Plain TF-IDF cosine: sublinear term frequency (1 + ln tf) × ln(N/df), L2-normalised, unigrams, stop words only, no
 * term cuts. The reference the benchmark reports (sublinear tf is the stronger of the plain variants here: 0.044 vs
 * 0.040 with raw counts).
 */
export const BASELINE_OPTIONS: EngineOptions = {
  scheme: 'tfidf',
  stem: false,
  prefix: 0,
  bigrams: false,
  splitCompounds: false,
  boilerplate: false,
  labelFeatures: false,
  labelWeight: 1,
  maxDfRatio: 1,
  maxDfFloor: 0,
  minDf: 1,
  maxTermsPerDoc: Infinity,
  labelShare: null,
  hubPenalty: 0,
  hubK: 10,
  sublinear: true,
  idfExponent: 1,
  feedbackDocs: 0,
  feedbackWeight: 0,
  feedbackPool: 0,
  k1: 1.2,
  b: 0.75,
};

/** The engine's chosen settings (see README "Synergies" for the measurements behind them). */
export const DEFAULT_OPTIONS: EngineOptions = {
  scheme: 'bm25',
  stem: true,
  prefix: 7,
  bigrams: true,
  splitCompounds: true,
  boilerplate: true,
  labelFeatures: true,
  labelWeight: 1,
  maxDfRatio: 0.1,
  maxDfFloor: 50,
  minDf: 2,
  maxTermsPerDoc: 150,
  labelShare: null,
  hubPenalty: 0.6,
  hubK: 20,
  sublinear: true,
  idfExponent: 0.5,
  feedbackDocs: 3,
  feedbackWeight: 0.6,
  feedbackPool: 100,
  k1: 1.2,
  b: 0.75,
};

export interface RelatedProject {
  id: string;
  score: number;
  /** The shared terms that carry the relation, heaviest first, as people wrote them. */
  terms: string[];
}
export interface WeightedTerm {
  term: string;
  weight: number;
}
export interface SharedTopic {
  /** The term key (stemmed), stable across runs: usable in a slug. */
  key: string;
  term: string;
  ids: string[];
  score: number;
}

export interface DocVector {
  terms: Int32Array; // sorted term ids
  weights: Float32Array; // L2-normalised
}
