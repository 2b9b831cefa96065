/**
 * The passport's data points, one line each: the catalogue drives the JSON Schema, the back-office forms, the access
 * rules, the diff of versions and the Battery Pass mapping, so a new data point is one line here. Written from
 * Regulation (EU) 2023/1542, Annex XIII; `access` is the regulation's default (Annex XIII points 1, 2, 3, 4 and Art. 77(2)).
 */

/** Who may read a data point, from the widest circle to the narrowest. */
export const ACCESS_LEVELS = ['public', 'interest', 'authority'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

export const ACCESS_LABELS: Record<Access, string> = {
  public: 'Public',
  interest: 'Persons with a legitimate interest',
  authority: 'Authorities only',
};

export const CATEGORIES = ['ev', 'lmt', 'industrial'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  ev: 'Electric vehicle (EV) battery',
  lmt: 'Light means of transport (LMT) battery',
  industrial: 'Industrial battery over 2 kWh (including stationary storage)',
};

export const GROUPS = ['general', 'carbon', 'diligence', 'materials', 'circularity', 'performance', 'endOfLife'] as const;
export type Group = (typeof GROUPS)[number];

export const GROUP_LABELS: Record<Group, string> = {
  general: 'General information',
  carbon: 'Carbon footprint',
  diligence: 'Supply chain due diligence',
  materials: 'Material composition',
  circularity: 'Circularity and recycled content',
  performance: 'Performance and durability',
  endOfLife: 'Recycling',
};

/** Groups an editor fills in by form; the recycling group is written only when the passport is closed by recycling. */
export const EDITABLE_GROUPS = GROUPS.filter((g) => g !== 'endOfLife');

/**
 * text: one line; longtext: paragraphs; quantity: a number in `unit`; share: a percentage 0–100; date: YYYY-MM-DD;
 * list: several short texts; url: an http(s) address; choice: one of `choices`; passport: another passport's identifier;
 * series: dated readings appended over time (dynamic data).
 */
export type FieldKind = 'text' | 'longtext' | 'quantity' | 'share' | 'date' | 'list' | 'url' | 'choice' | 'passport' | 'series';

export interface FieldDef {
  key: string;
  group: Group;
  label: string;
  kind: FieldKind;
  /** The one unit the value is given in (quantities, shares and series). */
  unit?: string;
  access: Access;
  choices?: readonly string[];
  hint?: string;
}

export const MATERIALS = ['cobalt', 'lithium', 'nickel', 'lead'] as const;
export type Material = (typeof MATERIALS)[number];
const MATERIAL_NAMES: Record<Material, string> = { cobalt: 'Cobalt', lithium: 'Lithium', nickel: 'Nickel', lead: 'Lead' };
export const materialName = (m: Material) => MATERIAL_NAMES[m];

const recycledShares: FieldDef[] = MATERIALS.flatMap((m) => [
  { key: `circularity.recycled.${m}.preConsumer`, group: 'circularity', label: `${MATERIAL_NAMES[m]}: recycled share from manufacturing waste`, kind: 'share', unit: '%', access: 'public' },
  { key: `circularity.recycled.${m}.postConsumer`, group: 'circularity', label: `${MATERIAL_NAMES[m]}: recycled share from post-consumer waste`, kind: 'share', unit: '%', access: 'public' },
]);

const recovered: FieldDef[] = MATERIALS.map((m) => ({ key: `endOfLife.recovered.${m}`, group: 'endOfLife', label: `${MATERIAL_NAMES[m]} recovered`, kind: 'quantity', unit: 'kg', access: 'public' }));

export const FIELDS: readonly FieldDef[] = [
  { key: 'general.manufacturer', group: 'general', label: 'Manufacturer', kind: 'text', access: 'public' },
  { key: 'general.manufacturingPlace', group: 'general', label: 'Place of manufacture', kind: 'text', access: 'public' },
  { key: 'general.manufacturingDate', group: 'general', label: 'Date of manufacture', kind: 'date', access: 'public' },
  { key: 'general.serviceStartDate', group: 'general', label: 'Date of putting into service', kind: 'date', access: 'public' },
  { key: 'general.mass', group: 'general', label: 'Weight', kind: 'quantity', unit: 'kg', access: 'public' },
  { key: 'carbon.total', group: 'carbon', label: 'Carbon footprint', kind: 'quantity', unit: 'kgCO2e/kWh', access: 'public', hint: 'Per kWh of total energy over the battery’s service life.' },
  { key: 'carbon.performanceClass', group: 'carbon', label: 'Carbon footprint performance class', kind: 'choice', choices: ['A', 'B', 'C', 'D', 'E'], access: 'public' },
  { key: 'carbon.study', group: 'carbon', label: 'Public carbon footprint study', kind: 'url', access: 'public' },
  { key: 'diligence.report', group: 'diligence', label: 'Due diligence report', kind: 'url', access: 'public' },
  { key: 'diligence.assurances', group: 'diligence', label: 'Third-party verifications', kind: 'longtext', access: 'public' },
  { key: 'diligence.supplierSites', group: 'diligence', label: 'Mine and refinery sites of the supply chain', kind: 'longtext', access: 'authority', hint: 'Detail an authority may ask for when it checks the due diligence report.' },
  { key: 'materials.chemistry', group: 'materials', label: 'Battery chemistry', kind: 'text', access: 'public', hint: 'For example NMC 811 / graphite.' },
  { key: 'materials.criticalRawMaterials', group: 'materials', label: 'Critical raw materials present', kind: 'list', access: 'public', hint: 'One per line.' },
  { key: 'materials.hazardousSubstances', group: 'materials', label: 'Hazardous substances', kind: 'list', access: 'public', hint: 'One per line.' },
  { key: 'materials.cathode', group: 'materials', label: 'Cathode materials', kind: 'text', access: 'interest' },
  { key: 'materials.anode', group: 'materials', label: 'Anode materials', kind: 'text', access: 'interest' },
  { key: 'materials.electrolyte', group: 'materials', label: 'Electrolyte', kind: 'text', access: 'interest' },
  ...recycledShares,
  { key: 'circularity.recycledSource', group: 'circularity', label: 'Recycled content recovered from passport', kind: 'passport', access: 'public', hint: 'The identifier of a recycled battery whose recovered materials this battery contains.' },
  { key: 'circularity.renewableShare', group: 'circularity', label: 'Renewable content', kind: 'share', unit: '%', access: 'public' },
  { key: 'circularity.dismantling', group: 'circularity', label: 'Dismantling information', kind: 'longtext', access: 'interest', hint: 'Exploded diagrams, disassembly sequence, fastenings, tools, warnings.' },
  { key: 'circularity.spareParts', group: 'circularity', label: 'Spare parts: part numbers and sources', kind: 'longtext', access: 'interest' },
  { key: 'circularity.safety', group: 'circularity', label: 'Safety measures and extinguishing agent', kind: 'longtext', access: 'interest' },
  { key: 'performance.ratedCapacity', group: 'performance', label: 'Rated capacity', kind: 'quantity', unit: 'Ah', access: 'public' },
  { key: 'performance.nominalVoltage', group: 'performance', label: 'Nominal voltage', kind: 'quantity', unit: 'V', access: 'public' },
  { key: 'performance.ratedEnergy', group: 'performance', label: 'Rated energy', kind: 'quantity', unit: 'kWh', access: 'public' },
  { key: 'performance.originalPower', group: 'performance', label: 'Original power capability', kind: 'quantity', unit: 'kW', access: 'public' },
  { key: 'performance.expectedCycles', group: 'performance', label: 'Expected lifetime', kind: 'quantity', unit: 'cycles', access: 'public' },
  { key: 'performance.roundTripEfficiency', group: 'performance', label: 'Initial round-trip energy efficiency', kind: 'share', unit: '%', access: 'public' },
  { key: 'performance.internalResistance', group: 'performance', label: 'Initial internal resistance', kind: 'quantity', unit: 'mΩ', access: 'public' },
  { key: 'performance.stateOfHealth', group: 'performance', label: 'State of health', kind: 'series', unit: '%', access: 'interest', hint: 'Readings appended over the battery’s life.' },
  { key: 'endOfLife.recycledOn', group: 'endOfLife', label: 'Recycled on', kind: 'date', access: 'public' },
  { key: 'endOfLife.recycler', group: 'endOfLife', label: 'Recycler', kind: 'text', access: 'public' },
  ...recovered,
];

export const FIELD_BY_KEY: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.key, f]));

export const fieldsOf = (group: Group) => FIELDS.filter((f) => f.group === group);
