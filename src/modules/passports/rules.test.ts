import { describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/policy.js';
import { checkDocument, FORMAT, toDocument, toFlat } from './document.js';
import { undo, undoOf } from './history.js';
import { fromBatteryPass, toBatteryPass, UNMATCHED } from './mapping.js';
import { canDecideRequest, canEditPassport, canRequestAccess, clearance, levelOf, mayRead, readIsAudited, visibleData } from './policy.js';

const editor: Actor = { id: 1, email: 'e@example.org', name: 'E', role: 'editor', projectIds: [7] };
const otherEditor: Actor = { ...editor, id: 2, projectIds: [8] };
const member: Actor = { id: 3, email: 'm@example.org', name: 'M', role: 'member', projectIds: [] };
const admin: Actor = { id: 4, email: 'a@example.org', name: 'A', role: 'admin', projectIds: [] };
const passport = { projectId: 7, status: 'active' as const, access: { 'materials.chemistry': 'interest' as const } };
const none = { authority: false, interestGranted: false };

describe('passport policy', () => {
  it('gives each reader the widest level they are entitled to', () => {
    expect(clearance(null, passport, { authority: true, interestGranted: true })).toBe('public');
    expect(clearance(member, passport, none)).toBe('public');
    expect(clearance(member, passport, { ...none, interestGranted: true })).toBe('interest');
    expect(clearance(member, passport, { ...none, authority: true })).toBe('authority');
    expect(clearance(editor, passport, none)).toBe('authority');
    expect(clearance(otherEditor, passport, none)).toBe('public');
    expect(clearance(admin, passport, none)).toBe('authority');
  });

  it('takes the regulation’s default unless the owner tightened it', () => {
    expect(levelOf(passport, 'carbon.total')).toBe('public');
    expect(levelOf(passport, 'materials.chemistry')).toBe('interest');
    expect(levelOf(passport, 'diligence.supplierSites')).toBe('authority');
    expect(mayRead('interest', 'public')).toBe(true);
    expect(mayRead('interest', 'authority')).toBe(false);
  });

  it('splits the data into what a reader sees and what is withheld', () => {
    const data = { 'carbon.total': 61, 'materials.chemistry': 'NMC', 'diligence.supplierSites': 'x' };
    expect(visibleData(data, passport, 'public')).toEqual({
      visible: { 'carbon.total': 61 },
      withheld: [
        { key: 'materials.chemistry', level: 'interest' },
        { key: 'diligence.supplierSites', level: 'authority' },
      ],
    });
    expect(Object.keys(visibleData(data, passport, 'interest').visible)).toEqual(['carbon.total', 'materials.chemistry']);
  });

  it('lets only the owning project decide, and audits reads by outsiders only', () => {
    expect(canEditPassport(editor, passport)).toBe(true);
    expect(canDecideRequest(otherEditor, passport)).toBe(false);
    expect(canRequestAccess(null, passport)).toBe(false);
    expect(canRequestAccess(otherEditor, passport)).toBe(true);
    expect(canRequestAccess(editor, passport)).toBe(false);
    expect(readIsAudited(member, passport, 2)).toBe(true);
    expect(readIsAudited(member, passport, 0)).toBe(false);
    expect(readIsAudited(editor, passport, 2)).toBe(false);
  });
});

const doc = {
  format: FORMAT,
  identifier: 'urn:test:bp:0001',
  model: 'Test pack',
  category: 'ev',
  general: { mass: { value: 400, unit: 'kg' }, manufacturingDate: '2025-01-31' },
  carbon: { total: { value: 60, unit: 'kgCO2e/kWh' } },
  materials: { chemistry: 'LFP', hazardousSubstances: ['LiPF6'], criticalRawMaterials: ['Lithium'] },
  circularity: { recycled: { cobalt: { preConsumer: { value: 10, unit: '%' }, postConsumer: { value: 5, unit: '%' } } }, dismantling: 'Open the lid.' },
  performance: { ratedCapacity: { value: 100, unit: 'Ah' }, stateOfHealth: [{ date: '2025-02-01', value: 99.5, unit: '%' }] },
};

describe('passport documents', () => {
  it('accepts a valid document and keeps it compact', () => {
    expect(checkDocument(doc)).toMatchObject({ ok: true });
    const flat = toFlat(doc);
    expect(flat['general.mass']).toBe(400);
    expect(flat['performance.stateOfHealth']).toEqual([['2025-02-01', 99.5]]);
    expect(toDocument({ identifier: doc.identifier, model: doc.model, category: 'ev', demonstrator: false }, flat)).toEqual({ ...doc, demonstrator: false });
  });

  it('names the failing field: wrong unit, share over 100 %, shares adding up past 100 %, unknown field, bad identifier', () => {
    const bad = (patch: Record<string, unknown>) => checkDocument({ ...doc, ...patch });
    expect(bad({ general: { mass: { value: 400, unit: 'g' } } })).toEqual({ ok: false, errors: { 'general.mass': 'must be given in kg.' } });
    expect(bad({ circularity: { recycled: { lithium: { preConsumer: { value: 120, unit: '%' } } } } })).toEqual({ ok: false, errors: { 'circularity.recycled.lithium.preConsumer': 'must be a share from 0 to 100 %.' } });
    expect(bad({ circularity: { recycled: { nickel: { preConsumer: { value: 60, unit: '%' }, postConsumer: { value: 50, unit: '%' } } } } })).toEqual({
      ok: false,
      errors: { 'circularity.recycled.nickel': 'Nickel: the recycled shares add up to 110 %, more than 100 %.' },
    });
    expect(bad({ carbon: { total: { value: 60, unit: 'kgCO2e/kWh' }, guess: 1 } })).toEqual({ ok: false, errors: { 'carbon.guess': 'is not a data point of the passport.' } });
    expect(bad({ identifier: 'not an id' })).toEqual({ ok: false, errors: { identifier: 'must be a passport identifier like urn:project:bp:0001.' } });
    expect(bad({ access: { 'carbon.total': 'interest', 'materials.cathode': 'public' } })).toEqual({ ok: false, errors: { 'access.materials.cathode': 'may only be tightened: the regulation makes it interest.' } });
    expect(bad({ general: { mass: { value: Infinity, unit: 'kg' } } })).toMatchObject({ ok: false });
  });

  it('keeps versions as the values they changed and rebuilds earlier ones from the current data', () => {
    const v1 = toFlat(doc);
    const v2 = { ...v1, 'carbon.total': 58, 'performance.stateOfHealth': [...(v1['performance.stateOfHealth'] as [string, number][]), ['2026-02-01', 97] as [string, number]] };
    delete (v2 as Record<string, unknown>)['materials.chemistry'];
    const change = undoOf(v1, v2);
    expect(change).toEqual({ 'carbon.total': 60, 'materials.chemistry': 'LFP', 'performance.stateOfHealth#': 1 });
    expect(undo(v2, change)).toEqual(v1);
    expect(undoOf(v2, v2)).toEqual({});
    expect(undo(v1, undoOf({}, v1))).toEqual({});
  });
});

describe('Battery Pass names', () => {
  it('round-trips the matched data points both ways', () => {
    const flat = toFlat(doc);
    const theirs = toBatteryPass({ identifier: doc.identifier, model: doc.model, category: 'ev' }, flat);
    expect(theirs).toMatchObject({
      batteryPassportIdentifier: 'urn:test:bp:0001',
      generalProductInformation: { batteryCategory: 'EV', batteryMass: 400 },
      carbonFootprint: { batteryCarbonFootprint: 60 },
      circularity: { recycledContent: [{ recycledMaterial: 'Cobalt', preConsumerShare: 10, postConsumerShare: 5 }] },
      materialComposition: { hazardousSubstances: [{ hazardousSubstanceName: 'LiPF6' }] },
    });
    const back = fromBatteryPass(theirs);
    expect(back.ignored).toEqual([]);
    const checked = checkDocument(back.doc);
    expect(checked.ok).toBe(true);
    const matched = Object.fromEntries(Object.entries(flat).filter(([key]) => !UNMATCHED.includes(key)));
    expect(toFlat(back.doc)).toEqual(matched);
    expect(toBatteryPass({ identifier: doc.identifier, model: doc.model, category: 'ev' }, toFlat(back.doc))).toEqual(theirs);
  });

  it('lists what it could not map instead of dropping it silently', () => {
    const { ignored } = fromBatteryPass({ batteryPassportIdentifier: 'urn:test:bp:2', labels: { symbol: 'x' }, generalProductInformation: { batteryCategory: 'LMT', warrantyPeriod: 24 } });
    expect(ignored.sort()).toEqual(['generalProductInformation.warrantyPeriod', 'labels.symbol']);
  });
});
