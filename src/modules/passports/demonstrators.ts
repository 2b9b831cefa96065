import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { findProjectBySlug, listProjects } from '../directory/service.js';
import { FORMAT, toFlat } from './document.js';
import { createPassport, findPassport, startSecondLife, updatePassport } from './service.js';

// Two invented passports, marked as demonstrators: an EV battery and the stationary storage unit built from it.
// Every value is made up to show the data model; no real battery or company stands behind them.

const EV = 'urn:free4lib:bp:demo-ev-0001';
const STORAGE = 'urn:free4lib:bp:demo-ess-0001';

const q = (value: number, unit: string) => ({ value, unit });

const evDocument = {
  format: FORMAT,
  identifier: EV,
  model: 'Demonstrator EV pack, NMC 811, 75 kWh',
  category: 'ev',
  demonstrator: true,
  general: {
    manufacturer: 'Demonstrator Cells Ltd (invented)',
    manufacturingPlace: 'An invented plant in the EU',
    manufacturingDate: '2024-03-14',
    serviceStartDate: '2024-05-02',
    mass: q(452, 'kg'),
  },
  carbon: { total: q(61.4, 'kgCO2e/kWh'), performanceClass: 'B' },
  diligence: {
    assurances: 'Invented for the demonstrator: a third party is said to have checked the cobalt and nickel supply against the OECD due diligence guidance.',
    supplierSites: 'Invented for the demonstrator: one cobalt refinery and one nickel refinery, named to authorities on request.',
  },
  materials: {
    chemistry: 'NMC 811 cathode / graphite anode',
    criticalRawMaterials: ['Cobalt', 'Lithium', 'Natural graphite', 'Nickel', 'Manganese'],
    hazardousSubstances: ['Lithium hexafluorophosphate (in the electrolyte)', 'Nickel compounds (in the cathode)'],
    cathode: 'Lithium nickel manganese cobalt oxide (8:1:1) on aluminium foil',
    anode: 'Synthetic and natural graphite on copper foil',
    electrolyte: 'LiPF6 in a mix of organic carbonates',
  },
  circularity: {
    recycled: {
      cobalt: { preConsumer: q(6, '%'), postConsumer: q(10, '%') },
      lithium: { preConsumer: q(2, '%'), postConsumer: q(4, '%') },
      nickel: { preConsumer: q(3, '%'), postConsumer: q(5, '%') },
      lead: { preConsumer: q(0, '%'), postConsumer: q(0, '%') },
    },
    renewableShare: q(1.5, '%'),
    dismantling:
      'Demonstrator text: open the lid (24 Torx T30 screws), disconnect the service plug first, lift the battery management unit, then unbolt the 12 modules in the order printed on the tray. Insulated tools only.',
    spareParts: 'Demonstrator text: modules, the battery management unit and the service plug are spare parts; ask the (invented) manufacturer for part numbers.',
    safety: 'Demonstrator text: class D powder or plenty of water for cooling; never open a swollen module.',
  },
  performance: {
    ratedCapacity: q(200, 'Ah'),
    nominalVoltage: q(376, 'V'),
    ratedEnergy: q(75, 'kWh'),
    originalPower: q(150, 'kW'),
    expectedCycles: q(2000, 'cycles'),
    roundTripEfficiency: q(94, '%'),
    internalResistance: q(85, 'mΩ'),
    stateOfHealth: [
      { date: '2024-05-02', value: 100, unit: '%' },
      { date: '2025-05-02', value: 96.8, unit: '%' },
      { date: '2026-05-02', value: 91.5, unit: '%' },
    ],
  },
};

/** The project that keeps the demonstrators: FREE4LIB ran the hub's battery passport workshop. */
async function owner(db: Kysely<Database>): Promise<number | null> {
  const project = (await findProjectBySlug(db, 'free4lib')) ?? (await listProjects(db, { members: true })).find((p) => p.acronym === 'FREE4LIB');
  return project?.id ?? null;
}

/** Adds the two demonstrators once; seeding again leaves them as they are. */
export async function seedDemonstrators(db: Kysely<Database>): Promise<number> {
  const projectId = await owner(db);
  if (projectId === null || (await findPassport(db, EV))) return 0;
  const ev = await createPassport(db, { doc: evDocument as never, projectId, userId: null });
  const storage = await startSecondLife(db, ev, { identifier: STORAGE, model: 'Demonstrator second-life storage unit, 8 modules, 40 kWh', category: 'industrial', projectId }, null);
  await updatePassport(
    db,
    storage,
    {
      data: {
        ...storage.data,
        ...toFlat({
          general: { manufacturer: 'Demonstrator Repurposing Co (invented)', manufacturingPlace: 'An invented workshop in the EU', manufacturingDate: '2026-06-20', serviceStartDate: '2026-07-01', mass: q(310, 'kg') },
          performance: {
            ratedCapacity: q(134, 'Ah'),
            nominalVoltage: q(300, 'V'),
            ratedEnergy: q(40, 'kWh'),
            originalPower: q(20, 'kW'),
            expectedCycles: q(3000, 'cycles'),
            roundTripEfficiency: q(91, '%'),
            stateOfHealth: [{ date: '2026-07-01', value: 100, unit: '%' }],
          },
        }),
      },
    },
    null,
  );
  return 2;
}
