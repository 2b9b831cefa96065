/**
 * Tokenising for the synergy engine: lower case, accents folded, English stop words and research-admin boilerplate
 * dropped, a light suffix stemmer, and bigram phrases that never cross a stop word or a sentence break.
 */

/** Common English function words. */
export const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are aren as at be because been before being below between
both but by can cannot could did do does doing down during each either etc few for from further had has have having he
her here hers herself him himself his how however i if in into is it its itself just let may me might more most must my
myself no nor not of off on once only or other ought our ours ourselves out over own same shall she should so some such
than that the their theirs them themselves then there these they this those through thus to too under until up upon us
very via was we were what when where which while who whom whose why will with within without would yet you your yours
yourself yourselves one two three four five six seven eight nine ten first second third new well based using use used
including include includes across along among towards toward whether both per`.split(/\s+/),
);

/**
 * Words that every research project uses about itself (work packages, deliverables, reporting), calendar words and
 * generic verbs ("starts in January"), and the prefixes a split hyphenated word leaves ("co-", "non-", "multi-"). They
 * say nothing about what a project works on, so they are dropped for the improved engine (not for the plain baseline),
 * and never show up as the terms two projects share.
 */
export const BOILERPLATE_WORDS = new Set(
  `project projects deliverable deliverables report reports reporting period periodic wp wps task tasks month months
version final initial interim update updated draft document documents documentation description describe describes
described summary plan plans planning activity activities result results public publicly confidential partner partners
consortium work package packages meeting meetings milestone milestones annex overview objective objectives
deliver delivered delivery provide provides provided within will main part second third year years phase first
dissemination communication exploitation management website webpage page logo leaflet brochure newsletter video
kit ethics requirement requirements dmp handbook flyer flyers factsheet factsheets poster posters leaflet leaflets
video videos infographic infographics newsletters brochures promotional roll-up rollup banner banners press release
releases website websites web site sites webpages stories story audience audiences campaign campaigns toolkit
visual identity templates template social media channel channels twitter linkedin youtube facebook podcast
innovative novel efficient effective sustainable improved improving improve enable enabling enabled beyond
concerning therein thereof hereby regarding related relevant respective specific various several different
ensure ensuring ensured allow allows allowing aim aims aimed aiming achieve achieved achieving develop developed
developing development developments support supporting supported key main major high low next generation
generation advanced state art future current existing potential possible overall general towards successful
success maximise maximize maximising maximizing increase increased increasing reduce reduced reducing reduction
approach approaches solution solutions framework methodology methodologies method methods tool tools outcome
outcomes output outputs impact impacts strategy strategies european europe eu stakeholder stakeholders
engagement workshop workshops event events conference conferences paper papers publication publications
scientific contribution contributions consortium's beneficiaries beneficiary coordinator coordination
prepare prepared preparation including identified identify identification presented presents present
analyse analysed analysis assessment evaluation evaluate evaluated definition define defined report's
specification specifications guidelines recommendations lessons learned learnt best practice practices
annual session sessions million billion euro euros eur make makes making made develops coordinate coordinates
coordinated coordinating led leads leading joined joins partner's project's hub cluster members member programme
january february march april may june july august september october november december monday tuesday wednesday
thursday friday start starts started starting run runs running step steps together study studies source sources
pre valuable organise organised organising organize organized organizing co non multi sub re inter cross post anti self semi bi de ex
mid`.split(/\s+/),
);

/** Light English suffix stripping: enough to merge plurals and common derivations, never below 3 letters. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) {
    // keep: process, status, analysis
  } else if (w.endsWith('s') && !w.endsWith('ous')) w = w.slice(0, -1);
  for (const suffix of ['ational', 'ization', 'isation', 'ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ed']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w;
}

export interface TokenizeOptions {
  stem?: boolean;
  bigrams?: boolean;
  boilerplate?: boolean;
  /** Cuts stemmed words to this many letters (0: no cut), merging derivations the suffix stemmer misses. */
  prefix?: number;
  /**
   * A hyphenated word counts as its parts, each a word of its own (stop and admin words among them dropped), and forms
   * no bigram: "6G-SHINE" and "6G-NTN" then share "6g", "EIP-AGRI" gives "agri". The whole word is still checked
   * against the stop and admin lists first ("state-of-the-art", "roll-up" stay out).
   */
  splitCompounds?: boolean;
}

export interface Token {
  /** The key terms are counted by (stemmed; a bigram is "a b"). */
  key: string;
  /** The words as written (lower case), to show people. */
  surface: string;
}

const WORD = /[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu;
const BREAK = /[.;:!?()[\]{}"“”|•\n]/;

/** Splits text into unigram tokens and, when asked, bigram phrases of adjacent content words. */
export function tokenize(text: string, options: TokenizeOptions = {}): Token[] {
  const out: Token[] = [];
  const normalised = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const isStop = (word: string) =>
    STOP_WORDS.has(word) ||
    word.length < 2 ||
    /^\d+$/.test(word) ||
    /^(d|m|wp|t|v|r)\d+(?:[.-]\d+)*$/.test(word) ||
    (options.boilerplate === true && BOILERPLATE_WORDS.has(word));
  const cut = options.prefix ? (w: string) => w.slice(0, options.prefix) : (w: string) => w;
  const keyOf = (word: string) => (options.stem ? word.split('-').map((w) => cut(stem(w))).join('-') : word);
  for (const chunk of normalised.split(BREAK)) {
    let previous: Token | null = null;
    for (const match of chunk.matchAll(WORD)) {
      const word = match[0].replace(/'s$/, '').replace(/'/g, '');
      if (isStop(word)) {
        previous = null;
        continue;
      }
      if (options.splitCompounds && word.includes('-')) {
        for (const part of word.split('-')) if (!isStop(part)) out.push({ key: keyOf(part), surface: part });
        previous = null;
        continue;
      }
      const token = { key: keyOf(word), surface: word };
      out.push(token);
      if (options.bigrams && previous) out.push({ key: `${previous.key} ${token.key}`, surface: `${previous.surface} ${word}` });
      previous = token;
    }
  }
  return out;
}
