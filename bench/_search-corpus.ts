// The search benchmark's corpus and query mix: deterministic, so runs (and experiments on a kept
// database) are comparable. Zipf-distributed battery and raw-materials vocabulary, a few long documents.
import { SEARCH_KINDS, type SearchDocumentInput } from '../src/modules/search/service.js';

// A deterministic generator, so runs are comparable.
let seed = 42;
const random = () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
};

const DOMAIN = `battery lithium cobalt nickel manganese graphite spodumene brine leaching flotation tailings recycling cathode anode
electrolyte hydrometallurgy pyrometallurgy refining concentrate ore deposit exploration mining extraction processing smelting
precipitation solvent sulphide laterite pegmatite lepidolite petalite zinnwaldite hydroxide carbonate sulphate magnesium
copper cobaltite heterogenite limonite saprolite autoclave roasting calcination crystallisation purification membrane sorbent
geothermal sustainability circularity traceability passport supply chain europe critical raw materials regulation permitting
environment water energy emissions lifecycle assessment footprint digital twin sensors sorting comminution grinding
beneficiation magnetic separation gravity pilot plant demonstration upscaling techno economic feasibility social licence
community stakeholder workshop seminar webinar deliverable report roadmap agenda partners consortium horizon cluster
innovation research university laboratory industry value stage upstream midstream downstream byproduct niobium tantalum
tungsten beryllium rare earth scandium vanadium titanium iron aluminium zinc lead silver gold platinum palladium`.split(/\s+/);

function syntheticWord(i: number): string {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ro', 'ta', 'su', 'vi', 'de', 'pa', 'ri', 'go', 'fe', 'bu', 'zo', 'ch', 'an', 'el', 'or', 'ix'];
  let word = '';
  let n = i + 7;
  while (word.length < 5 || n > 0) {
    word += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length);
    if (word.length > 12) break;
  }
  return word;
}

const VOCABULARY = [...new Set([...DOMAIN, ...Array.from({ length: 6000 }, (_, i) => syntheticWord(i))])];
// Zipf-like: the word of rank r is drawn with probability ∝ 1/r^1.05 (cumulative table + binary search).
const cumulative: number[] = [];
VOCABULARY.reduce((sum, _, r) => (cumulative[r] = sum + 1 / Math.pow(r + 1, 1.05)), 0);
const totalWeight = cumulative[cumulative.length - 1];
function zipfWord(): string {
  const x = random() * totalWeight;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo];
}
const words = (n: number) => Array.from({ length: n }, zipfWord).join(' ');

function bodyLength(): number {
  const r = random();
  if (r < 0.005) return 8_000 + Math.floor(random() * 5_000); // long reports
  if (r < 0.1) return 400 + Math.floor(random() * 1100); // slides and papers
  return 30 + Math.floor(random() * 220); // news, events, profiles
}

export function generate(i: number): SearchDocumentInput {
  const year = 2015 + Math.floor(random() * 11);
  return {
    kind: SEARCH_KINDS[Math.floor(random() * SEARCH_KINDS.length)],
    refId: i + 1,
    url: `/bench/${i + 1}`,
    title: words(4 + Math.floor(random() * 9)),
    body: words(bodyLength()),
    projectId: random() < 0.5 ? 1 + Math.floor(random() * 13) : null,
    date: `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`,
  };
}

export function makeQueries(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    let q: string;
    if (r < 0.4) q = zipfWord();
    else if (r < 0.6) q = `${zipfWord()} ${zipfWord()}`;
    else if (r < 0.75) q = `"${zipfWord()} ${zipfWord()}"`;
    else if (r < 0.9) q = `${zipfWord().slice(0, 3 + Math.floor(random() * 3))}*`;
    else q = `${zipfWord()} -${zipfWord()}`;
    const filter = random() < 0.15 ? `&type=${SEARCH_KINDS[Math.floor(random() * SEARCH_KINDS.length)]}` : random() < 0.1 ? `&year=${2015 + Math.floor(random() * 11)}` : '';
    out.push(`q=${encodeURIComponent(q)}${filter}`);
  }
  return out;
}
