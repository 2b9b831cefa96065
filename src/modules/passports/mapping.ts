import type { Category } from './fields.js';
import { FIELDS, MATERIALS, materialName } from './fields.js';
import type { Flat } from './document.js';

/**
 * Our data points by the names the Battery Pass consortium's data model (v1.2) gives the matching attributes. Only
 * names are mapped: its schemas are CC BY-NC and are not copied. Numbers go without units there; ours carry one unit
 * per data point, so the mapping is one to one for the fields listed.
 */
export const BATTERY_PASS_NAMES: readonly (readonly [string, string])[] = [
  ['general.manufacturer', 'generalProductInformation.manufacturerInformation.manufacturerName'],
  ['general.manufacturingPlace', 'generalProductInformation.manufacturingPlace'],
  ['general.manufacturingDate', 'generalProductInformation.manufacturingDate'],
  ['general.serviceStartDate', 'generalProductInformation.puttingIntoServiceDate'],
  ['general.mass', 'generalProductInformation.batteryMass'],
  ['carbon.total', 'carbonFootprint.batteryCarbonFootprint'],
  ['carbon.performanceClass', 'carbonFootprint.carbonFootprintPerformanceClass'],
  ['carbon.study', 'carbonFootprint.carbonFootprintStudy'],
  ['diligence.report', 'supplyChainDueDiligence.supplyChainDueDiligenceReport'],
  ['diligence.assurances', 'supplyChainDueDiligence.thirdPartyAssurances'],
  ['materials.chemistry', 'materialComposition.batteryChemistry'],
  ['materials.criticalRawMaterials', 'materialComposition.criticalRawMaterials'],
  ['materials.hazardousSubstances', 'materialComposition.hazardousSubstances[].hazardousSubstanceName'],
  ...MATERIALS.flatMap((m) => [
    [`circularity.recycled.${m}.preConsumer`, `circularity.recycledContent[recycledMaterial=${materialName(m)}].preConsumerShare`] as const,
    [`circularity.recycled.${m}.postConsumer`, `circularity.recycledContent[recycledMaterial=${materialName(m)}].postConsumerShare`] as const,
  ]),
  ['circularity.renewableShare', 'circularity.renewableContent'],
  ['circularity.dismantling', 'circularity.dismantlingAndRemovalInformation'],
  ['circularity.spareParts', 'circularity.sparePartSources'],
  ['circularity.safety', 'circularity.safetyMeasures'],
  ['performance.ratedCapacity', 'performance.ratedCapacity'],
  ['performance.nominalVoltage', 'performance.batteryVoltage.nominalVoltage'],
  ['performance.originalPower', 'performance.batteryPower.originalPowerCapability'],
  ['performance.expectedCycles', 'performance.expectedLifetime.expectedNumberOfCycles'],
  ['performance.roundTripEfficiency', 'performance.roundTripEfficiency.initialRoundTripEnergyEfficiency'],
  ['performance.internalResistance', 'performance.internalResistance.packInternalResistance'],
];

/** The head of a passport by Battery Pass names. */
export const BATTERY_PASS_HEAD = { identifier: 'batteryPassportIdentifier', model: 'generalProductInformation.productIdentifier', category: 'generalProductInformation.batteryCategory' } as const;

const CATEGORY_NAMES: Record<Category, string> = { ev: 'EV', lmt: 'LMT', industrial: 'Industrial' };

/** Our data points without a counterpart by name, listed in the README. */
export const UNMATCHED = FIELDS.map((f) => f.key).filter((key) => !BATTERY_PASS_NAMES.some(([ours]) => ours === key));

type Json = Record<string, unknown>;

const RECYCLED = /^circularity\.recycledContent\[recycledMaterial=(\w+)\]\.(\w+)$/;
const LIST_OF = /^(.+)\[\]\.(\w+)$/;

function read(doc: Json, path: string): unknown {
  const recycled = RECYCLED.exec(path);
  if (recycled) {
    const entries = (read(doc, 'circularity.recycledContent') ?? []) as Json[];
    return Array.isArray(entries) ? entries.find((e) => e?.recycledMaterial === recycled[1])?.[recycled[2]] : undefined;
  }
  const list = LIST_OF.exec(path);
  if (list) {
    const entries = read(doc, list[1]);
    return Array.isArray(entries) ? entries.map((e: Json) => e?.[list[2]]) : undefined;
  }
  let node: unknown = doc;
  for (const part of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Json)[part] : undefined;
  return node;
}

function write(doc: Json, path: string, value: unknown): void {
  const recycled = RECYCLED.exec(path);
  if (recycled) {
    const circularity = (doc.circularity ??= {}) as Json;
    const entries = (circularity.recycledContent ??= []) as Json[];
    let entry = entries.find((e) => e.recycledMaterial === recycled[1]);
    if (!entry) entries.push((entry = { recycledMaterial: recycled[1] }));
    entry[recycled[2]] = value;
    return;
  }
  const list = LIST_OF.exec(path);
  if (list) return write(doc, list[1], (value as unknown[]).map((v) => ({ [list[2]]: v })));
  const parts = path.split('.');
  let node = doc;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Json;
  node[parts[parts.length - 1]] = value;
}

/** A passport by Battery Pass names: the head and every matched data point present in `flat`. */
export function toBatteryPass(head: { identifier: string; model: string; category: Category }, flat: Flat): Json {
  const doc: Json = {};
  write(doc, BATTERY_PASS_HEAD.identifier, head.identifier);
  write(doc, BATTERY_PASS_HEAD.model, head.model);
  write(doc, BATTERY_PASS_HEAD.category, CATEGORY_NAMES[head.category]);
  for (const [ours, theirs] of BATTERY_PASS_NAMES) if (flat[ours] !== undefined) write(doc, theirs, flat[ours]);
  return doc;
}

/**
 * Our document (format, units and all) from a Battery Pass one, for the matched names; what else it holds is
 * reported back rather than dropped in silence. The result still goes through the schema check.
 */
export function fromBatteryPass(source: Json): { doc: Json; ignored: string[] } {
  const doc: Json = { format: 'cluster-hub-battery-passport/1' };
  const category = read(source, BATTERY_PASS_HEAD.category);
  doc.identifier = read(source, BATTERY_PASS_HEAD.identifier);
  doc.model = read(source, BATTERY_PASS_HEAD.model);
  doc.category = (Object.keys(CATEGORY_NAMES) as Category[]).find((c) => CATEGORY_NAMES[c].toLowerCase() === String(category).toLowerCase()) ?? category;
  const used = new Set<string>(Object.values(BATTERY_PASS_HEAD));
  for (const [ours, theirs] of BATTERY_PASS_NAMES) {
    const value = read(source, theirs);
    if (value === undefined) continue;
    used.add(theirs.replace(/\[.*$/, ''));
    const field = FIELDS.find((f) => f.key === ours)!;
    write(doc, ours, field.kind === 'quantity' || field.kind === 'share' ? { value, unit: field.unit } : value);
  }
  return { doc, ignored: leaves(source).filter((path) => ![...used].some((u) => path === u || path.startsWith(u + '.') || path.startsWith(u + '['))) };
}

function leaves(node: unknown, prefix = ''): string[] {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return prefix ? [prefix] : [];
  return Object.entries(node as Json).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** True when a JSON object reads as a Battery Pass passport rather than one of ours. */
export const isBatteryPass = (json: Json) => json.format === undefined && (json.batteryPassportIdentifier !== undefined || json.generalProductInformation !== undefined);
