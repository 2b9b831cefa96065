import { describe, expect, it } from 'vitest';
import { BASELINE_OPTIONS, type EngineDocument, SynergyIndex, topK } from './engine.js';
import type { CordisProject } from './cordis.js';
import { isSpecificTopic, programmePath, projectDocument } from './corpus.js';
import { stem, tokenize } from './text.js';

const BOILERPLATE = 'Data management plan. Project website and logo. Dissemination and communication plan.';
const doc = (id: string, text: string, labels: string[] = []): EngineDocument => ({
  id,
  fields: [{ text: `${text} ${BOILERPLATE}` }, ...labels.map((l) => ({ text: l, kind: 'label' as const }))],
});

/** Three themes, four projects each, plus filler so document frequencies look like a real corpus. */
const CORPUS: EngineDocument[] = [
  doc('rec1', 'Hydrometallurgical recycling of lithium-ion battery black mass; leaching and solvent extraction of cobalt and nickel.', ['/engineering and technology/environmental engineering/waste management/recycling']),
  doc('rec2', 'Direct recycling of cathode material from end-of-life lithium-ion batteries; black mass purification.', ['/engineering and technology/environmental engineering/waste management/recycling']),
  doc('rec3', 'Automated dismantling of battery packs and leaching of black mass for lithium recovery.', []),
  doc('rec4', 'Solvent extraction of nickel and cobalt from recycled battery leach liquor.', ['/natural sciences/chemical sciences/inorganic chemistry/transition metals']),
  doc('onc1', 'Immunotherapy for colorectal cancer patients; clinical trial of checkpoint inhibitors.', ['/medical and health sciences/clinical medicine/oncology']),
  doc('onc2', 'Early detection of colorectal cancer with liquid biopsy in a clinical cohort.', ['/medical and health sciences/clinical medicine/oncology']),
  doc('onc3', 'Checkpoint inhibitors and tumour microenvironment in cancer immunotherapy.', []),
  doc('onc4', 'Clinical trial design for cancer patients receiving immunotherapy.', ['/medical and health sciences/clinical medicine/oncology']),
  doc('ast1', 'Exoplanet atmospheres observed with infrared spectroscopy from space telescopes.', ['/natural sciences/physical sciences/astronomy/planetary sciences']),
  doc('ast2', 'Infrared spectroscopy of exoplanet atmospheres and stellar activity.', ['/natural sciences/physical sciences/astronomy/planetary sciences']),
  doc('ast3', 'Space telescope instrument for exoplanet transit photometry.', []),
  doc('ast4', 'Stellar activity and exoplanet detection with radial velocity spectroscopy.', ['/natural sciences/physical sciences/astronomy']),
  ...Array.from({ length: 40 }, (_, i) => doc(`filler${i}`, `Filler topic number ${i} about subject${i} and matter${i % 7}.`)),
];

function precisionAt(index: SynergyIndex, k: number): number {
  const themes = ['rec', 'onc', 'ast'];
  let sum = 0;
  let n = 0;
  for (const theme of themes) {
    for (let i = 1; i <= 4; i++) {
      const related = index.related(`${theme}${i}`, k);
      sum += related.filter((r) => r.id.startsWith(theme)).length / k;
      n++;
    }
  }
  return sum / n;
}

describe('text', () => {
  it('stems plurals and keeps short words', () => {
    expect(stem('batteries')).toBe('battery');
    expect(stem('metals')).toBe('metal');
    expect(stem('process')).toBe('process');
    expect(stem('leaching')).toBe('leach');
  });

  it('makes bigrams that never cross stop words or sentence breaks, and drops deliverable numbering', () => {
    const keys = tokenize('Black mass leaching of cobalt. Nickel D2.1 WP3 plan', { bigrams: true, boilerplate: true }).map((t) => t.key);
    expect(keys).toContain('black mass');
    expect(keys).toContain('mass leaching');
    expect(keys).not.toContain('leaching cobalt');
    expect(keys).not.toContain('cobalt nickel');
    expect(keys).not.toContain('d2.1');
    expect(keys).not.toContain('plan');
  });

  it('splits hyphenated words into their parts when asked, with no bigram across or inside them', () => {
    const text = 'Secure 6G-SHINE network, EIP-AGRI multi-actor farms and state-of-the-art roll-up';
    const split = tokenize(text, { bigrams: true, boilerplate: true, splitCompounds: true }).map((t) => t.key);
    expect(split).toEqual(expect.arrayContaining(['6g', 'shine', 'network', 'eip', 'agri', 'actor', 'farms']));
    // a prefix on its own says nothing about the subject
    expect(split).not.toContain('multi');
    expect(split).not.toContain('6g-shine');
    expect(split).not.toContain('secure 6g');
    expect(split).not.toContain('6g shine');
    expect(split).not.toContain('shine network');
    expect(split).not.toContain('state');
    expect(split).not.toContain('art');
    const whole = tokenize(text, { bigrams: true, boilerplate: true }).map((t) => t.key);
    expect(whole).toContain('6g-shine');
    expect(whole).not.toContain('6g');
  });
});

describe('synergy engine', () => {
  it('finds the projects of the same theme first, explained by shared terms', () => {
    const index = SynergyIndex.build(CORPUS);
    expect(precisionAt(index, 3)).toBeGreaterThanOrEqual(0.9);
    const related = index.related('rec1', 3);
    expect(related.map((r) => r.id).sort()).toEqual(['rec2', 'rec3', 'rec4']);
    expect(related.find((r) => r.id === 'rec2')!.terms.join(' ')).toMatch(/black mass|recycling|lithium-ion/);
    for (const r of related) expect(r.terms.join(' ')).not.toMatch(/management plan|website/);
    expect(index.topTerms('ast1', 5).map((t) => t.term).join(' ')).toMatch(/exoplanet|infrared/);
  });

  it('beats or matches the plain TF-IDF baseline on the same corpus', () => {
    const engine = precisionAt(SynergyIndex.build(CORPUS), 3);
    const baseline = precisionAt(SynergyIndex.build(CORPUS, BASELINE_OPTIONS), 3);
    expect(engine).toBeGreaterThanOrEqual(baseline);
  });

  it('updates one document incrementally and can remove it', () => {
    const index = SynergyIndex.build(CORPUS);
    expect(index.related('ast3', 3).every((r) => r.id.startsWith('ast'))).toBe(true);
    index.upsert(doc('ast3', 'Now about hydrometallurgical recycling of battery black mass and solvent extraction of cobalt.'));
    expect(index.related('ast3', 3).every((r) => r.id.startsWith('rec'))).toBe(true);
    expect(index.related('rec1', 4).map((r) => r.id)).toContain('ast3');
    index.remove('ast3');
    expect(index.has('ast3')).toBe(false);
    expect(index.related('rec1', 10).map((r) => r.id)).not.toContain('ast3');
    index.rebuild();
    expect(precisionAt(index, 2)).toBeGreaterThan(0.8);
  });

  it('shows a word once: not beside a phrase that contains it, whichever weighs more', () => {
    const index = SynergyIndex.build(CORPUS, { hubPenalty: 0, feedbackDocs: 0 });
    const terms = index.sharedTerms('rec1', 'rec2', 20).map((t) => t.term);
    expect(terms).toContain('black mass');
    expect(terms).not.toContain('black');
    expect(terms).not.toContain('mass');
    const words = terms.filter((t) => !t.includes(' '));
    expect(words.filter((w) => terms.some((t) => t !== w && t.split(' ').includes(w)))).toEqual([]);
  });

  it('handles empty texts and unknown ids without failing', () => {
    const index = SynergyIndex.build([...CORPUS, { id: 'empty', fields: [] }, { id: 'blank', fields: [{ text: '  the of and ' }] }]);
    expect(index.related('empty', 5)).toEqual([]);
    expect(index.related('blank', 5)).toEqual([]);
    expect(index.related('nope', 5)).toEqual([]);
    expect(index.topTerms('nope')).toEqual([]);
    expect(index.similarity('empty', 'rec1')).toBe(0);
  });

  it('lists the topics members share with the members that share them', () => {
    const index = SynergyIndex.build(CORPUS);
    const topics = index.sharedTopics(['rec1', 'rec2', 'onc1', 'onc2'], 20);
    const byTerm = new Map(topics.map((t) => [t.term, t.ids.sort()]));
    expect([...byTerm.keys()].some((t) => /black mass|recycling|lithium-ion/.test(t))).toBe(true);
    const cancer = topics.find((t) => /colorectal|cancer|oncology/.test(t.term));
    expect(cancer?.ids.sort()).toEqual(['onc1', 'onc2']);
    for (const t of topics) expect(t.ids.length).toBeGreaterThanOrEqual(2);
    expect(index.documentsWithTerm(cancer!.key)).toEqual(expect.arrayContaining(['onc1', 'onc2']));
  });

  it('re-ranks by the cosine of the query expanded by its nearest neighbour (Rocchio), showing the plain cosine', () => {
    const plain = SynergyIndex.build(CORPUS, { hubPenalty: 0, feedbackDocs: 0 });
    const neighbour = plain.related('rec1', 1)[0].id;
    const beta = 0.6;
    const expanded = SynergyIndex.build(CORPUS, { hubPenalty: 0, feedbackDocs: 1, feedbackWeight: beta, feedbackPool: 50 });
    const related = expanded.related('rec1', 6);
    expect(related.slice(0, 3).map((r) => r.id).sort()).toEqual(['rec2', 'rec3', 'rec4']);
    // q' = q + β·n, so cos(q', d) = (q·d + β n·d) / |q + β n| with unit q and n: the order must follow it
    const norm = Math.sqrt(1 + 2 * beta * plain.similarity('rec1', neighbour) + beta * beta);
    const expandedCosine = (id: string) => (plain.similarity('rec1', id) + beta * plain.similarity(neighbour, id)) / norm;
    const cosines = related.map((r) => expandedCosine(r.id));
    for (let i = 1; i < cosines.length; i++) expect(cosines[i]).toBeLessThanOrEqual(cosines[i - 1] + 1e-4);
    for (const r of related) expect(r.score).toBeCloseTo(plain.similarity('rec1', r.id), 4);
  });

  it('returns only filtered candidates when feedback re-ranks', () => {
    const index = SynergyIndex.build(CORPUS);
    const related = index.related('rec1', 3, { filter: (id) => id.startsWith('onc') || id === 'rec4' });
    expect(related[0].id).toBe('rec4');
    expect(related.every((r) => r.id.startsWith('onc') || r.id === 'rec4')).toBe(true);
  });

  it('topK keeps the k best in order', () => {
    expect(topK([5, 1, 9, 3, 7], (x) => x, 3)).toEqual([9, 7, 5]);
    expect(topK([1, 2], (x) => x, 0)).toEqual([]);
    expect(topK([1, 2, 3, 4], () => 0, 2, (x) => -x)).toEqual([1, 2]);
  });

  it('orders tied projects by a hash of the id, not by corpus order or id', () => {
    const same = (id: string): EngineDocument => ({ id, fields: [{ text: '/natural sciences/chemistry/electrochemistry', kind: 'label' }] });
    const ids = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    const forward = SynergyIndex.build(ids.map(same), { maxDfFloor: 100, hubPenalty: 0 });
    const backward = SynergyIndex.build([...ids].reverse().map(same), { maxDfFloor: 100, hubPenalty: 0 });
    const order = forward.related('p1', 5).map((r) => r.id);
    expect(order).toHaveLength(5);
    expect(backward.related('p1', 5).map((r) => r.id)).toEqual(order);
  });
});

describe('programme part as a feature', () => {
  it('is a label path of its ancestors, added only when asked for', () => {
    expect(programmePath('HORIZON.2.5.7')).toBe('/HORIZON.2/HORIZON.2.5/HORIZON.2.5.7');
    expect(programmePath('HORIZON.1')).toBe('/HORIZON.1');
    const p = {
      id: '1', objective: null, acronym: 'X', deliverables: [], reports: [], sciVoc: [],
      legalBasis: [{ code: 'HORIZON.2.5.7', title: '', uniqueProgrammePart: true }],
    } as unknown as CordisProject;
    expect(projectDocument(p).fields).toEqual([]);
    expect(projectDocument(p, new Set(), { programmeWeight: 3 }).fields).toEqual([
      { text: '/HORIZON.2/HORIZON.2.5/HORIZON.2.5.7', kind: 'label', weight: 3 },
    ]);
  });
});

describe('benchmark evaluation', () => {
  const project = (code: string, title = ''): CordisProject =>
    ({ id: code, topics: [{ code, title }], legalBasis: [{ code: 'HORIZON.4.1.2', title: '', uniqueProgrammePart: false }] }) as unknown as CordisProject;
  it('judges a call topic specific from the topic alone', () => {
    expect(isSpecificTopic(project('HORIZON-CL5-2022-D2-01-05'))).toBe(true);
    expect(isSpecificTopic(project('HORIZON-MISS-2023-OCEAN-01-02'))).toBe(true);
    for (const code of ['ERC-2023-STG', 'HORIZON-MSCA-2022-DN-01-01', 'HORIZON-EIC-2023-PATHFINDEROPEN-01-01', 'HORIZON-WIDERA-2021-ACCESS-03-01']) {
      expect(isSpecificTopic(project(code))).toBe(false);
    }
    expect(isSpecificTopic(project('HORIZON-CL4-2023-HUMAN-01-64', 'Pre-normative research (CSA)'))).toBe(false);
  });
});
