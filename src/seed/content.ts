import type { OrganisationInput, ProjectInput } from '../modules/directory/service.js';
import type { EventInput } from '../modules/events/service.js';
import type { NewsInput } from '../modules/news/service.js';

/**
 * The hub's own content, written in our words from the facts on its news page and the
 * projects' public data (CORDIS, CC BY 4.0). Times are UTC instants; each event names its
 * IANA zone, and the comments beside the instants give the local wall-clock time.
 * Where the sources are silent we leave fields null rather than guess.
 */
export interface ProjectSeed {
  project: ProjectInput;
  partners?: { organisation: OrganisationInput; role: string }[];
}

export interface EventSeed {
  event: Omit<EventInput, 'projectIds' | 'parentEventId'>;
  /** Slugs of member projects organising or taking part. */
  projects?: string[];
  parentSlug?: string;
}

export interface NewsSeed {
  post: Omit<NewsInput, 'projectId' | 'eventId'>;
  project?: string;
  eventSlug?: string;
}

export interface AboutSeed {
  title: string;
  bodyMd: string;
}

export const HUB_WEBSITE = 'https://www.materialsforbatterieshub.eu/';

/*
 * Organisations. Coordinates are the approximate centre of the organisation's city (or campus).
 * Value-chain stage is left null for consultancies and observatories, which sit beside the chain.
 */
const ORG = {
  kuLeuven: { name: 'KU Leuven', shortName: 'KU Leuven', country: 'BE', city: 'Leuven', activityType: 'HES', valueChainStage: 'processing-refining', lat: 50.8777, lon: 4.7003 },
  vtt: { name: 'Teknologian tutkimuskeskus VTT Oy', shortName: 'VTT', country: 'FI', city: 'Espoo', activityType: 'REC', valueChainStage: 'processing-refining', lat: 60.1841, lon: 24.8301 },
  leitat: { name: 'Acondicionamiento Tarrasense Asociación (LEITAT)', shortName: 'LEITAT', country: 'ES', city: 'Terrassa', activityType: 'REC', valueChainStage: 'processing-refining', lat: 41.5632, lon: 2.0089 },
  gfz: { name: 'GFZ German Research Centre for Geosciences', shortName: 'GFZ Potsdam', country: 'DE', city: 'Potsdam', activityType: 'REC', valueChainStage: 'exploration-mining', lat: 52.3794, lon: 13.0656 },
  cartif: { name: 'Fundación CARTIF', shortName: 'CARTIF', country: 'ES', city: 'Boecillo (Valladolid)', activityType: 'REC', valueChainStage: 'recycling', lat: 41.5403, lon: -4.7003 },
  abee: { name: 'Avesta Battery & Energy Engineering', shortName: 'ABEE', country: 'BE', city: 'Diegem (Brussels)', activityType: 'PRC', valueChainStage: 'recycling', lat: 50.8925, lon: 4.4343 },
  tecnalia: { name: 'Fundación Tecnalia Research & Innovation', shortName: 'Tecnalia', country: 'ES', city: 'Donostia-San Sebastián', activityType: 'REC', valueChainStage: 'processing-refining', lat: 43.2965, lon: -1.9886 },
  idener: { name: 'IDENER', shortName: 'IDENER', country: 'ES', city: 'Seville', activityType: 'PRC', valueChainStage: 'processing-refining', lat: 37.3891, lon: -5.9845 },
  orano: { name: 'Orano Mining', shortName: 'Orano Mining', country: 'FR', city: 'Châtillon', activityType: 'PRC', valueChainStage: 'recycling', lat: 48.8026, lon: 2.2935 },
  vito: { name: 'Flemish Institute for Technological Research (VITO)', shortName: 'VITO', country: 'BE', city: 'Mol', activityType: 'REC', valueChainStage: 'processing-refining', lat: 51.1912, lon: 5.1164 },
  ikts: { name: 'Fraunhofer Institute for Ceramic Technologies and Systems IKTS', shortName: 'Fraunhofer IKTS', country: 'DE', city: 'Dresden', activityType: 'REC', valueChainStage: 'processing-refining', lat: 51.0504, lon: 13.7373 },
  pno: { name: 'PNO Innovation Belgium', shortName: 'PNO Innovation', country: 'BE', city: 'Brussels', activityType: 'PRC', valueChainStage: null, lat: 50.8503, lon: 4.3517 },
  // Our sources name TechConcepts (a consultancy in RELiEF) but not where it is based.
  techConcepts: { name: 'TechConcepts', shortName: 'TechConcepts', country: null, city: null, activityType: 'PRC', valueChainStage: null, lat: null, lon: null },
  watt4ever: { name: 'Watt4Ever', shortName: 'Watt4Ever', country: 'LV', city: 'Riga', activityType: 'PRC', valueChainStage: 'second-life', lat: 56.9496, lon: 24.1052 },
  aalto: { name: 'Aalto University', shortName: 'Aalto University', country: 'FI', city: 'Espoo', activityType: 'HES', valueChainStage: 'recycling', lat: 60.1867, lon: 24.8277 },
  lut: { name: 'LUT University', shortName: 'LUT University', country: 'FI', city: 'Lappeenranta', activityType: 'HES', valueChainStage: 'recycling', lat: 61.065, lon: 28.0946 },
  // CORDIS writes Greece as EL.
  tuc: { name: 'Technical University of Crete', shortName: 'TUC', country: 'EL', city: 'Chania', activityType: 'HES', valueChainStage: 'processing-refining', lat: 35.5138, lon: 24.018 },
  intraw: { name: 'International Raw Materials Observatory (INTRAW)', shortName: 'INTRAW', country: 'BE', city: 'Brussels', activityType: 'OTH', valueChainStage: null, lat: 50.8503, lon: 4.3517 },
  graz: { name: 'University of Graz', shortName: 'University of Graz', country: 'AT', city: 'Graz', activityType: 'HES', valueChainStage: 'recycling', lat: 47.0779, lon: 15.4495 },
  lorraine: { name: 'University of Lorraine', shortName: 'University of Lorraine', country: 'FR', city: 'Nancy', activityType: 'HES', valueChainStage: 'exploration-mining', lat: 48.6921, lon: 6.1844 },
  gtk: { name: 'Geological Survey of Finland (GTK)', shortName: 'GTK', country: 'FI', city: 'Espoo', activityType: 'PUB', valueChainStage: 'exploration-mining', lat: 60.2055, lon: 24.6559 },
  eurometaux: { name: 'Eurometaux', shortName: 'Eurometaux', country: 'BE', city: 'Brussels', activityType: 'OTH', valueChainStage: null, lat: 50.8503, lon: 4.3517 },
} satisfies Record<string, OrganisationInput>;

/**
 * Organisations named on the hub's pages that our sources do not tie to a member project
 * (lecturers' institutes, event hosts). They are listed in the directory without a partnership.
 */
export const organisations: OrganisationInput[] = [ORG.lorraine, ORG.gtk, ORG.eurometaux];

export const projects: ProjectSeed[] = [
  {
    project: {
      acronym: 'ENICON',
      slug: 'enicon',
      title: "Sustainable processing of Europe's low-grade sulphidic and lateritic nickel/cobalt ores and tailings into battery-grade metals",
      programme: 'HORIZON',
      fundingScheme: 'RIA',
      grantId: '101058124',
      callTopic: 'HORIZON-CL5-2021-D2-01-01',
      // The start date is not confirmed in our data; the end is start + 48 months.
      startDate: '2022-06-01',
      endDate: '2026-05-31',
      coordinatorName: 'KU Leuven (SIM2 / SOLVOMET)',
      coordinatorCountry: 'BE',
      summary: 'Develops routes that turn Europe’s low-grade nickel and cobalt ores and tailings into battery-grade metals.',
      descriptionMd: [
        'Much of Europe’s nickel and cobalt sits in deposits that are too poor, or too awkward, to be worth processing with today’s methods: low-grade sulphidic ores, lateritic ores and the tailings left by past mining. ENICON works on processing routes that make these resources usable for batteries.',
        'The project combines circular hydrometallurgy based on hydrochloric acid with pyrometallurgical steps and hydrogen reduction, supported by geometallurgy. It also looks at what to do with the residues, for example by alkali activation, so that less waste is left behind.',
        'ENICON is coordinated by KU Leuven (SIM² / SOLVOMET). At the hub’s 2023 annual meeting it presented the potential of Europe’s own nickel and cobalt resources.',
      ].join('\n\n'),
      metals: ['Ni', 'Co'],
      resources: ['sulphidic Ni/Co ores', 'laterites', 'tailings'],
      technologies: ['circular hydrometallurgy (HCl)', 'pyrometallurgy', 'H2 reduction', 'residue valorisation / alkali activation', 'geometallurgy'],
      tags: ['nickel', 'cobalt', 'hydrometallurgy', 'tailings', 'processing'],
    },
    partners: [{ organisation: ORG.kuLeuven, role: 'coordinator' }],
  },
  {
    project: {
      acronym: 'EXCEED',
      slug: 'exceed',
      title: 'Cost-effective, sustainable and responsible extraction routes for recovering distinct critical metals and industrial minerals as by-products from key European hard-rock lithium projects',
      programme: 'HORIZON',
      fundingScheme: 'IA',
      grantId: '101091543',
      callTopic: 'HORIZON-CL4-2022-RESILIENCE-01-07',
      // Neither the dates nor the coordinator are in our sources; left empty rather than guessed.
      startDate: null,
      endDate: null,
      coordinatorName: null,
      coordinatorCountry: null,
      summary: 'Recovers critical metals and industrial minerals as by-products of Europe’s hard-rock lithium projects.',
      descriptionMd: [
        'Hard-rock lithium deposits in Europe, such as pegmatites and rare-metal granites, hold more than lithium. EXCEED develops extraction routes that recover other critical metals and industrial minerals from these ores as by-products, so that each tonne mined delivers more value and leaves less waste.',
        'The metals in view include rare earth elements, niobium, tantalum, tungsten and beryllium. The work spans geometallurgy, mineral processing and a digital twin of the by-product recovery routes, with attention to cost, environmental impact and responsible practice.',
        'EXCEED joined the hub in 2023 and co-organised that year’s annual meeting. In February 2024 it ran its first capacity-building seminar for students and early-career researchers.',
      ].join('\n\n'),
      metals: ['Li', 'REE', 'Nb', 'Ta', 'W', 'Be'],
      resources: ['pegmatites', 'rare-metal granites', 'Li hard-rock ores'],
      technologies: ['geometallurgy', 'mineral processing', 'digital twin', 'by-product recovery'],
      tags: ['lithium', 'by-products', 'critical raw materials', 'mineral processing'],
      joinedYear: 2023,
    },
    partners: [{ organisation: ORG.tuc, role: 'participant' }],
  },
  {
    project: {
      acronym: 'AVANTIS',
      slug: 'avantis',
      title: "Sustainable, decarbonised co-extraction of vanadium and titanium minerals from Europe's low-grade vanadium-bearing titanomagnetite deposits",
      programme: 'HORIZON',
      fundingScheme: 'RIA',
      // The grant id is not confirmed, and the call topic in our data is only inferred: both left empty.
      grantId: null,
      callTopic: null,
      startDate: '2024-01-01',
      endDate: '2027-12-31',
      coordinatorName: 'KU Leuven',
      coordinatorCountry: 'BE',
      summary: 'Extracts vanadium, titanium and iron together from Europe’s low-grade titanomagnetite deposits with a smaller carbon footprint.',
      descriptionMd: [
        'Vanadium-bearing titanomagnetite deposits are a European source of vanadium, titanium and iron, but their low grades make conventional processing costly and carbon-intensive. AVANTIS studies how to recover these metals together, from both the deposits and the waste of earlier V/Ti mining.',
        'The approach starts at the mine face, with selective blasting and dry or water-lean pre-concentration, and uses forensic geometallurgy to follow the valuable minerals through each step.',
        'AVANTIS is coordinated by KU Leuven and runs from January 2024 to December 2027. It is one of the hub projects behind the session at ICHS 2024.',
      ].join('\n\n'),
      metals: ['V', 'Ti', 'Fe'],
      resources: ['titanomagnetite deposits', 'V/Ti mining waste'],
      technologies: ['selective blasting', 'pre-concentration (dry / water-lean)', 'forensic geometallurgy'],
      tags: ['vanadium', 'titanium', 'decarbonisation', 'mining'],
    },
    partners: [{ organisation: ORG.kuLeuven, role: 'coordinator' }],
  },
  {
    project: {
      acronym: 'LITHOS',
      slug: 'lithos',
      title: 'Cost-effective processing and refining of lithium into lithium hydroxide from strategic European multi-mineral lithium hard-rock projects',
      programme: 'HORIZON',
      fundingScheme: 'IA',
      grantId: '101138112',
      callTopic: 'HORIZON-CL4-2023-RESILIENCE-01-03',
      startDate: '2024-01-01',
      endDate: '2027-06-30',
      coordinatorName: 'Teknologian tutkimuskeskus VTT Oy',
      coordinatorCountry: 'FI',
      summary: 'Refines lithium from European multi-mineral hard-rock deposits into battery-grade lithium hydroxide.',
      descriptionMd: [
        'Europe has several hard-rock lithium projects, often spodumene pegmatites that also contain other minerals, but little capacity to refine their concentrates. LITHOS develops cost-effective processing and refining that turns these ores into lithium hydroxide monohydrate, the form cathode makers use.',
        'The project is coordinated by VTT in Finland and runs from January 2024 to June 2027, with an EU contribution of about €7.1 million. It is among the hub projects organising the session at ICHS 2024.',
      ].join('\n\n'),
      metals: ['Li'],
      resources: ['spodumene pegmatites', 'multi-mineral Li hard-rock deposits'],
      technologies: ['Li refining', 'LiOH·H2O production'],
      tags: ['lithium', 'refining', 'lithium hydroxide'],
    },
    partners: [{ organisation: ORG.vtt, role: 'coordinator' }],
  },
  {
    project: {
      acronym: 'CICERO',
      slug: 'cicero',
      title: 'MSA-based circular hydrometallurgy for sustainable, cost-effective production of NMC cathode materials',
      programme: 'HORIZON',
      fundingScheme: 'RIA',
      // Grant id and call topic are not confirmed in our data.
      grantId: null,
      callTopic: null,
      startDate: '2023-11-01',
      endDate: '2026-10-31',
      coordinatorName: 'KU Leuven',
      coordinatorCountry: 'BE',
      summary: 'Produces NMC cathode materials through circular hydrometallurgy based on methanesulfonic acid (MSA).',
      descriptionMd: [
        'CICERO builds a hydrometallurgical route around methanesulfonic acid (MSA) that goes from metal-bearing feeds all the way to nickel-manganese-cobalt (NMC) cathode materials. Its feeds include tailings, mixed sulphide precipitate, ferronickel, nickel matte and manganese anode sludge.',
        'Solvent extraction separates the metals, and the reagents are regenerated so that the process runs as a loop rather than a once-through chain.',
        'KU Leuven coordinates the project, which runs from November 2023 to October 2026. CICERO is one of the hub projects behind the session at ICHS 2024.',
      ].join('\n\n'),
      metals: ['Ni', 'Co', 'Mn', 'Fe'],
      resources: ['tailings', 'MSP', 'FeNi', 'Ni matte', 'Mn anode sludge'],
      technologies: ['MSA hydrometallurgy', 'solvent extraction', 'NMC cathode synthesis', 'reagent regeneration'],
      tags: ['cathode materials', 'hydrometallurgy', 'nickel', 'manganese', 'cobalt'],
    },
    partners: [{ organisation: ORG.kuLeuven, role: 'coordinator' }],
  },
  {
    project: {
      acronym: 'RAWMINA',
      slug: 'rawmina',
      title: 'Integrated innovative pilot system for Critical Raw Materials recovery from mines wastes in a circular economy context',
      programme: 'H2020',
      // The funding scheme is not in our data.
      fundingScheme: null,
      grantId: '958252',
      callTopic: null,
      // 42 months from 1 May 2021.
      startDate: '2021-05-01',
      endDate: '2024-10-31',
      coordinatorName: 'LEITAT (Acondicionamiento Tarrasense Asociación)',
      coordinatorCountry: 'ES',
      summary: 'Pilots an integrated system that recovers critical raw materials from mine waste.',
      descriptionMd: [
        'Old mine waste, tailings and low-grade ore still contain metals worth recovering. RAWMINA, a Horizon 2020 project coordinated by LEITAT, brings several recovery steps together in one pilot system so that this material becomes a resource instead of a liability.',
        'The process chain includes bioleaching, iron precipitation, nanofibrous composite membranes and electrodeposition, and targets cobalt, antimony, germanium, tungsten, gold, silver, iron and copper. The project’s total cost is about €10.8 million, of which about €9 million is EU funding.',
        'RAWMINA joined the hub in 2023, co-organised its annual meeting that year, and held a joint webinar with CRM-geothermal in March 2024.',
      ].join('\n\n'),
      metals: ['Co', 'Sb', 'Ge', 'W', 'Au', 'Ag', 'Fe', 'Cu'],
      resources: ['mine waste', 'tailings', 'low-grade ore'],
      technologies: ['bioleaching', 'iron precipitation', 'nanofibrous composite membranes', 'electrodeposition', 'pilot plant'],
      tags: ['mine waste', 'critical raw materials', 'circular economy', 'pilot'],
      joinedYear: 2023,
    },
    partners: [{ organisation: ORG.leitat, role: 'coordinator' }],
  },
  {
    project: {
      acronym: 'CRM-geothermal',
      slug: 'crm-geothermal',
      title: 'CRM-geothermal: Raw materials from geothermal fluids: occurrence, enrichment, extraction',
      programme: 'HORIZON',
      fundingScheme: 'RIA',
      grantId: '101058163',
      callTopic: 'HORIZON-CL4-2021-RESILIENCE-01-06',
      startDate: '2022-07-01',
      endDate: '2026-06-30',
      coordinatorName: 'GFZ German Research Centre for Geosciences (Potsdam)',
      coordinatorCountry: 'DE',
      summary: 'Studies how critical raw materials occur in geothermal fluids and how to extract them alongside heat and power.',
      descriptionMd: [
        'Geothermal brines carry dissolved lithium and other valuable elements to the surface every day. CRM-geothermal investigates where these raw materials occur, how they can be enriched and how they can be extracted directly from the fluid, including with a mobile pilot unit.',
        'Beyond the chemistry, the project builds a fluid atlas with AI-supported simulation, reports resources using the UNFC framework, and looks at governance and business models for combined geothermal and raw-material production.',
        'The project is coordinated by GFZ Potsdam. It joined the hub in 2023 and organised a joint webinar with RAWMINA in March 2024.',
      ].join('\n\n'),
      metals: ['Li', 'Cu', 'Ni', 'Sr', 'REE'],
      resources: ['geothermal brines'],
      technologies: ['direct extraction from brines', 'mobile pilot unit', 'fluid atlas / AI simulation', 'UNFC reporting'],
      tags: ['geothermal', 'lithium', 'brines', 'direct extraction'],
      joinedYear: 2023,
    },
    partners: [
      { organisation: ORG.gfz, role: 'coordinator' },
      { organisation: ORG.intraw, role: 'participant' },
    ],
  },
  {
    project: {
      acronym: 'FREE4LIB',
      slug: 'free4lib',
      title: 'Feasible recovery of critical raw materials through a new circular ecosystem for a Li-ion battery cross-value chain in Europe',
      programme: 'HORIZON',
      fundingScheme: 'RIA',
      grantId: '101069890',
      callTopic: 'HORIZON-CL5-2021-D2-01-06',
      startDate: '2022-09-01',
      endDate: '2026-08-31',
      coordinatorName: 'Fundación CARTIF',
      coordinatorCountry: 'ES',
      summary: 'Builds a circular ecosystem for recycling lithium-ion batteries, from dismantling to new electrode materials and a battery passport.',
      descriptionMd: [
        'FREE4LIB works on the recycling of end-of-life lithium-ion batteries as a whole chain: automated dismantling, pre-treatment, hydrometallurgical recovery of the metals and re-synthesis of electrode materials from what is recovered.',
        'Alongside the processes, the project develops a digital battery passport concept that links data from the start of a battery’s life to its end, and assesses its routes with life-cycle analysis.',
        'Fundación CARTIF coordinates FREE4LIB. Its January 2024 workshop on the battery passport drew participants from several hub projects.',
      ].join('\n\n'),
      metals: ['Li', 'Co', 'Ni', 'Mn', 'Al', 'Cu'],
      resources: ['end-of-life Li-ion batteries'],
      technologies: ['automated dismantling', 'pre-treatment', 'hydrometallurgy', 'electrode re-synthesis', 'battery passport', 'LCA'],
      tags: ['recycling', 'battery passport', 'lithium-ion'],
    },
    partners: [
      { organisation: ORG.cartif, role: 'coordinator' },
      { organisation: ORG.graz, role: 'participant' },
    ],
  },
  {
    project: {
      acronym: 'RELiEF',
      slug: 'relief',
      title: 'Recycling of Lithium from Secondary Raw Materials and Further',
      programme: 'HORIZON',
      fundingScheme: 'RIA',
      grantId: '101069789',
      callTopic: 'HORIZON-CL5-2021-D2-01-01',
      // Our data gives the start month (July 2022) and a 36-month duration.
      startDate: '2022-07-01',
      endDate: '2025-06-30',
      coordinatorName: 'Avesta Battery & Energy Engineering (ABEE)',
      coordinatorCountry: 'BE',
      summary: 'Recovers battery-grade lithium from secondary sources that are usually wasted, such as lithium metal slag, tailings and wastewater.',
      descriptionMd: [
        'Most lithium recycling focuses on spent batteries, yet a good deal of lithium is lost in other waste streams. RELiEF targets those: lithium metal slag, mine tailings and lithium-bearing wastewater.',
        'The project develops pre-processing, leaching and selective lithium recovery, then carries the recovered lithium on to precursor and cathode active material synthesis. A business model for the whole route is part of the work, with an EU contribution of roughly €6 million.',
        'ABEE coordinates RELiEF. The project co-organised the hub’s 2023 annual meeting, where its partners led the interactive policy session and the session on social acceptance.',
      ].join('\n\n'),
      metals: ['Li'],
      resources: ['Li metal slag', 'mine tailings', 'Li-bearing wastewater'],
      technologies: ['pre-processing', 'leaching', 'selective Li recovery', 'precursor / CAM synthesis', 'business model'],
      tags: ['lithium', 'recycling', 'secondary raw materials'],
    },
    partners: [
      { organisation: ORG.abee, role: 'coordinator' },
      { organisation: ORG.lut, role: 'participant' },
      { organisation: ORG.techConcepts, role: 'participant' },
    ],
  },
  {
    project: {
      acronym: 'LiCORNE',
      slug: 'licorne',
      title: 'Lithium recovery and battery-grade materials production from European resources',
      programme: 'HORIZON',
      fundingScheme: 'RIA',
      grantId: '101069644',
      callTopic: 'HORIZON-CL5-2021-D2-01-01',
      // Our data gives the end month only (September 2026).
      startDate: '2022-10-01',
      endDate: '2026-09-30',
      coordinatorName: 'Fundación Tecnalia Research & Innovation',
      coordinatorCountry: 'ES',
      summary: 'Recovers lithium from a wide range of European resources and turns it into battery-grade materials.',
      descriptionMd: [
        'LiCORNE looks at nearly every kind of European lithium resource: pegmatites, clays, continental and geothermal brines, tailings and off-specification cathode material. For each, it develops a way to recover lithium and make battery-grade products.',
        'The technologies range from beneficiation and solvometallurgy to membrane electrolysis and electrochemical lithium extraction, including gas-diffusion electrocrystallisation (GDEx). Life-cycle assessment and life-cycle costing check whether the routes make environmental and economic sense. The EU contribution is roughly €6.8 million.',
        'Tecnalia coordinates LiCORNE. At the hub’s 2023 annual meeting the project’s partners moderated the industry and market session and presented GDEx.',
      ].join('\n\n'),
      metals: ['Li', 'Co', 'Ni'],
      resources: ['pegmatites', 'clays', 'continental brines', 'geothermal brines', 'tailings', 'off-spec cathode'],
      technologies: ['beneficiation', 'solvometallurgy', 'membrane electrolysis', 'electrochemical Li extraction', 'LCA/LCC'],
      tags: ['lithium', 'brines', 'battery-grade materials'],
    },
    partners: [
      { organisation: ORG.tecnalia, role: 'coordinator' },
      { organisation: ORG.vito, role: 'participant' },
      { organisation: ORG.pno, role: 'participant' },
    ],
  },
  {
    project: {
      acronym: 'RHINOCEROS',
      slug: 'rhinoceros',
      title: 'Batteries reuse and direct production of high performances cathodic and anodic materials and other raw materials from batteries recycling using low cost and environmentally friendly technologies',
      programme: 'HORIZON',
      fundingScheme: 'RIA',
      grantId: '101069685',
      callTopic: 'HORIZON-CL5-2021-D2-01-06',
      startDate: '2022-09-01',
      endDate: '2026-08-31',
      coordinatorName: 'Fundación Tecnalia Research & Innovation',
      coordinatorCountry: 'ES',
      summary: 'Gives used electric-vehicle and stationary batteries a second life, then recycles them directly into new electrode materials.',
      descriptionMd: [
        'RHINOCEROS takes end-of-life electric-vehicle and stationary batteries and decides, for each, whether it can be repurposed for a second life or should be recycled. Robotic dismantling supports both paths.',
        'For recycling, the project works on black mass and direct recycling, producing cathode and anode materials and other raw materials such as graphite and fluorine compounds with low-cost, environmentally friendly processes. Partners also develop benchmarks, acceptance criteria and guidelines for second-life use.',
        'Tecnalia coordinates the project; Watt4Ever and VITO presented RHINOCEROS work at the hub’s 2023 annual meeting.',
      ].join('\n\n'),
      metals: ['Li', 'Co', 'Ni', 'Mn', 'graphite', 'F'],
      resources: ['EoL EV batteries', 'stationary batteries'],
      technologies: ['robotic dismantling', 'second-life repurposing', 'black mass', 'direct recycling', 'electrode synthesis'],
      tags: ['second life', 'recycling', 'direct recycling', 'electrode materials'],
    },
    partners: [
      { organisation: ORG.tecnalia, role: 'coordinator' },
      { organisation: ORG.vito, role: 'participant' },
      { organisation: ORG.watt4ever, role: 'participant' },
    ],
  },
  {
    project: {
      acronym: 'METALLICO',
      slug: 'metallico',
      title: 'Demonstration of battery metals recovery from primary and secondary resources through a sustainable processing methodology',
      programme: 'HORIZON',
      fundingScheme: 'IA',
      grantId: '101091682',
      callTopic: 'HORIZON-CL4-2022-RESILIENCE-01-07',
      // Our data gives the start month only, and no end date or duration.
      startDate: '2023-01-01',
      endDate: null,
      coordinatorName: 'IDENER',
      coordinatorCountry: 'ES',
      summary: 'Demonstrates a sustainable processing route for battery metals from ores, tailings and industrial residues.',
      descriptionMd: [
        'METALLICO demonstrates, at pilot scale, how lithium, cobalt, copper, manganese and nickel can be recovered from both primary resources (ores) and secondary ones (tailings and industrial residues) with a single sustainable processing methodology.',
        'The hydrometallurgical flowsheets are designed to valorise by-products as well, and the project pays explicit attention to the social licence to operate.',
        'IDENER coordinates METALLICO. It joined the hub in 2023; Fraunhofer IKTS presented the project at that year’s annual meeting.',
      ].join('\n\n'),
      metals: ['Li', 'Co', 'Cu', 'Mn', 'Ni'],
      resources: ['ores', 'tailings', 'industrial residues'],
      technologies: ['hydrometallurgy', 'pilot demonstration', 'by-product valorisation', 'social licence'],
      tags: ['demonstration', 'hydrometallurgy', 'tailings', 'social licence'],
      joinedYear: 2023,
    },
    partners: [
      { organisation: ORG.idener, role: 'coordinator' },
      { organisation: ORG.ikts, role: 'participant' },
    ],
  },
  {
    project: {
      acronym: 'RESPECT',
      slug: 'respect',
      title: 'Flexible, Safe and efficient REcycling of Li-ion batterieS for a comPetitive, circular, and sustainable European battery manufaCTuring industry',
      programme: 'HORIZON',
      fundingScheme: 'RIA',
      grantId: '101069865',
      callTopic: 'HORIZON-CL5-2021-D2-01-06',
      startDate: '2022-06-01',
      endDate: '2026-05-31',
      coordinatorName: 'Orano Mining',
      coordinatorCountry: 'FR',
      summary: 'Develops flexible, safe and efficient recycling of lithium-ion batteries and production scrap for European cell makers.',
      descriptionMd: [
        'RESPECT aims to make lithium-ion battery recycling in Europe flexible enough to handle different chemistries and feeds, from end-of-life batteries to production scrap, while staying safe and efficient.',
        'Its routes combine hydrometallurgy with direct recycling and the regeneration of active materials, including graphite, and are assessed by life-cycle analysis.',
        'Orano Mining coordinates RESPECT; Aalto University presented the project’s recycling work at the hub’s 2023 annual meeting.',
      ].join('\n\n'),
      metals: ['Li', 'Ni', 'Co', 'Mn', 'graphite'],
      resources: ['EoL Li-ion batteries', 'production scrap'],
      technologies: ['hydrometallurgy', 'direct recycling', 'active material regeneration', 'LCA'],
      tags: ['recycling', 'lithium-ion', 'direct recycling'],
    },
    partners: [
      { organisation: ORG.orano, role: 'coordinator' },
      { organisation: ORG.aalto, role: 'participant' },
    ],
  },
];

const BRUSSELS = 'Europe/Brussels';

export const events: EventSeed[] = [
  {
    event: {
      title: 'International Circular Hydrometallurgy Symposium (ICHS 2024)',
      slug: 'ichs-2024',
      shortTitle: 'ICHS 2024',
      type: 'symposium',
      format: 'in-person',
      summary: 'The first international symposium on circular hydrometallurgy, hosted by SOLVOMET (KU Leuven) in Mechelen.',
      descriptionMd: [
        'ICHS 2024 is the first edition of the International Circular Hydrometallurgy Symposium. It is organised by SOLVOMET, KU Leuven’s research and innovation centre for circular hydrometallurgy, and takes place in Mechelen, Belgium.',
        'Five member projects of the hub (ENICON, EXCEED, AVANTIS, LITHOS and CICERO) organise one session within the symposium; see the satellite session below.',
      ].join('\n\n'),
      // 9 September 00:00 to 11 September 23:59 CEST (UTC+2).
      startsAt: '2024-09-08T22:00:00Z',
      endsAt: '2024-09-11T21:59:00Z',
      allDay: true,
      timezone: BRUSSELS,
      city: 'Mechelen',
      country: 'BE',
      organisers: 'SOLVOMET – KU Leuven Research and Innovation Centre for Circular Hydrometallurgy',
      registrationNote: 'Pre-registration is available.',
      topics: ['circular hydrometallurgy', 'metal recovery', 'critical raw materials'],
      tags: ['hydrometallurgy', 'symposium', 'KU Leuven'],
    },
  },
  {
    event: {
      title: 'Cluster Hub session at ICHS 2024',
      slug: 'ichs-2024-cluster-hub-session',
      type: 'satellite',
      format: 'in-person',
      summary: 'A session at ICHS 2024 organised by five member projects of the hub.',
      descriptionMd: [
        'Within ICHS 2024, the hub’s members ENICON, EXCEED, AVANTIS, LITHOS and CICERO organise one joint session on their work.',
        'The day, time and programme of the session had not been announced when this page was written; until then it is listed across the dates of the symposium.',
      ].join('\n\n'),
      // Spans the symposium (9–11 September, CEST) because the session's own slot is not known.
      startsAt: '2024-09-08T22:00:00Z',
      endsAt: '2024-09-11T21:59:00Z',
      allDay: true,
      timezone: BRUSSELS,
      city: 'Mechelen',
      country: 'BE',
      organisers: 'ENICON, EXCEED, AVANTIS, LITHOS and CICERO',
      isHubEvent: true,
      registrationNote: 'Attendance is through registration for ICHS 2024; pre-registration is available.',
      topics: ['circular hydrometallurgy', 'battery metals from European resources'],
      tags: ['ICHS 2024', 'Cluster Hub'],
    },
    projects: ['enicon', 'exceed', 'avantis', 'lithos', 'cicero'],
    parentSlug: 'ichs-2024',
  },
  {
    event: {
      title: 'Raw Materials Summit 2024',
      slug: 'raw-materials-summit-2024',
      type: 'summit',
      format: 'in-person',
      summary: 'The sixth Raw Materials Summit gathers industry, educators and new talent in Brussels to act on a sustainable raw-materials future.',
      descriptionMd: [
        'The Raw Materials Summit presents itself as a call to action: a meeting place where industry leaders, educators and young talent share how they see a sustainable raw-materials future. It sets out to raise awareness of how much the energy transition depends on raw materials, to exchange knowledge, and to remove the obstacles that slow down sustainable value chains.',
        'The clean-energy transition changes how raw materials are found, sourced, used and reused, and everyone who depends on them has a part in building a responsible sector. The 2024 summit, its sixth edition, takes place over three days at The Egg in Brussels.',
      ].join('\n\n'),
      // 14 May 00:00 to 16 May 23:59 CEST (UTC+2).
      startsAt: '2024-05-13T22:00:00Z',
      endsAt: '2024-05-16T21:59:00Z',
      allDay: true,
      timezone: BRUSSELS,
      venueName: 'The Egg Brussels',
      venueAddress: 'Rue Bara 175, 1070 Bruxelles',
      city: 'Brussels',
      country: 'BE',
      organisers: 'Raw Materials Summit',
      topics: [
        'The Critical Raw Materials Act (CRMA) and its impact',
        'The Raw Materials Academy and the future workforce',
        'Shifts in supply and demand, and the latest trade policies',
        'Electrification through renewables and nuclear',
        'Mineral security for defence and space',
        'Minerals investment plans presented by three nations',
        'Looking beyond the EU’s existing strategic partnerships',
        'Responsible sourcing for the automotive sector',
        'The steel industry’s race to net zero',
        'Reputation management and mineral transparency',
      ],
      tags: ['CRMA', 'summit', 'raw materials'],
    },
  },
  {
    event: {
      title: 'Launch of a six-part recipe for Critical Raw Materials Act resilience by 2030',
      slug: 'eurometaux-crma-resilience-recipe-launch-2024',
      shortTitle: 'Eurometaux CRMA resilience launch',
      type: 'launch',
      format: 'hybrid',
      summary: 'Eurometaux presents a quantified, six-part plan for Europe to reach the resilience goals of the Critical Raw Materials Act by 2030.',
      descriptionMd: [
        'Eurometaux, the association of Europe’s metals industry, launches a quantified recipe in six parts for how Europe can deliver the resilience the Critical Raw Materials Act aims for by 2030.',
        'Subsidies and geopolitics are reshaping global competition, and the argument is that Europe needs a first-class “industrial kitchen” in which its strategic industries can survive and grow. High-level speakers debate where, how and when the next European Commission and Parliament should act with real ambition to bring Europe back into the race for clean-tech supply chains.',
        'The afternoon ends with a cocktail reception.',
      ].join('\n\n'),
      // Thursday 18 April 2024, 13:30–17:00 CEST (UTC+2).
      startsAt: '2024-04-18T11:30:00Z',
      endsAt: '2024-04-18T15:00:00Z',
      timezone: BRUSSELS,
      venueName: 'Autoworld',
      city: 'Brussels',
      country: 'BE',
      organisers: 'Eurometaux',
      registrationNote: 'Remote attendance is possible. In-person places are limited and given on a first-come, first-served basis.',
      topics: ['Critical Raw Materials Act', 'clean-tech supply chains', 'EU industrial policy'],
      tags: ['CRMA', 'Eurometaux', 'policy'],
      programme: [
        {
          kind: 'round_table',
          title: 'High-level debate: what the next Commission and Parliament must do for CRMA resilience',
          description: 'Presentation of the six-part recipe followed by a debate among the confirmed speakers.',
          startsAt: '2024-04-18T11:30:00Z',
          endsAt: '2024-04-18T15:00:00Z',
          people: [
            { name: 'Marek Balt', role: 'speaker', jobTitle: 'Member of the European Parliament' },
            { name: 'Hildegard Bentele', role: 'speaker', jobTitle: 'Member of the European Parliament' },
            { name: 'Kerstin Jorna', role: 'speaker', jobTitle: 'Director-General, DG GROW', affiliation: 'European Commission' },
            { name: 'Judith Kirton-Darling', role: 'speaker', jobTitle: 'General Secretary', affiliation: 'industriAll European Trade Union' },
            { name: 'Sara Matthieu', role: 'speaker', jobTitle: 'Member of the European Parliament' },
            { name: 'Evangelos Mytilineos', role: 'speaker', jobTitle: 'CEO', affiliation: 'Mytilineos' },
            { name: 'Julia Poliscanova', role: 'speaker', jobTitle: 'Senior Director, Clean Vehicles', affiliation: 'Transport & Environment' },
            { name: 'Peter Tom Jones', role: 'speaker', affiliation: 'KU Leuven' },
          ],
        },
        // The cocktail follows the debate; its end is not announced.
        { kind: 'networking', title: 'Cocktail reception', startsAt: '2024-04-18T15:00:00Z' },
      ],
    },
  },
  {
    event: {
      title: 'Webinar: the new BATT4EU Strategic Research and Innovation Agenda',
      slug: 'batt4eu-sria-webinar-2024',
      shortTitle: 'BATT4EU SRIA webinar',
      type: 'webinar',
      format: 'online',
      summary: 'BATT4EU presents its new research and innovation agenda for batteries and discusses it with the experts who wrote it.',
      descriptionMd: [
        'To mark the publication of its new Strategic Research and Innovation Agenda (SRIA) for batteries, the BATT4EU Partnership holds an online presentation of the document, followed by a discussion with the experts behind it on how the agenda will reshape the European battery sector.',
        'Companies, national governments, policy makers and researchers can all use the SRIA as a point of reference: it names the main technological challenges, encourages research and innovation, and steers funding priorities across Europe.',
      ].join('\n\n'),
      // 20 March 2024, 10:00–11:30 CET (UTC+1).
      startsAt: '2024-03-20T09:00:00Z',
      endsAt: '2024-03-20T10:30:00Z',
      timezone: BRUSSELS,
      organisers: 'BATT4EU Partnership',
      registrationNote: 'Registration is handled by the BATT4EU Partnership.',
      topics: ['battery research and innovation', 'funding priorities', 'SRIA'],
      tags: ['SRIA', 'BATT4EU', 'webinar'],
      programme: [
        { kind: 'talk', title: 'Presentation of the new SRIA for batteries' },
        { kind: 'panel', title: 'Discussion with the experts behind the agenda' },
      ],
    },
  },
  {
    event: {
      title: 'RAWMINA and CRM-geothermal joint webinar',
      slug: 'rawmina-crm-geothermal-joint-webinar-2024',
      type: 'webinar',
      format: 'online',
      summary: 'Two hub projects share early results on recovering critical raw materials from mine waste and geothermal fluids.',
      descriptionMd: [
        'RAWMINA and CRM-geothermal, two Horizon-funded members of the hub, hold a joint online webinar. Both develop new ways of extracting critical raw materials: RAWMINA from mine waste, CRM-geothermal from geothermal fluids, using adsorption and other separation techniques.',
        'The webinar has three aims:',
        '- **Share research results**: present the first findings and milestones of both projects and what they say about where CRM extraction technology is heading.\n- **Engage with the public**: talk with stakeholders, universities, industry specialists and interested citizens about the challenges and opportunities of CRM extraction.\n- **Explore collaboration**: look for synergies with other initiatives, such as the Cluster Hub and the Raw Materials Helix.',
      ].join('\n\n'),
      // 12 March 2024, 10:00–11:30 CET (UTC+1).
      startsAt: '2024-03-12T09:00:00Z',
      endsAt: '2024-03-12T10:30:00Z',
      timezone: BRUSSELS,
      organisers: 'RAWMINA and CRM-geothermal',
      isHubEvent: true,
      registrationNote: 'Registration through the organising projects.',
      topics: ['CRM recovery from mine waste', 'CRM extraction from geothermal fluids', 'adsorption and separation methods'],
      tags: ['webinar', 'critical raw materials', 'geothermal', 'mine waste'],
    },
    projects: ['rawmina', 'crm-geothermal'],
  },
  {
    event: {
      title: 'EXCEED 1st Capacity Building Seminar',
      slug: 'exceed-capacity-building-seminar-2024',
      type: 'seminar',
      format: 'online',
      summary: 'Three online lectures for graduate students and early-stage researchers, from geochemistry to lithium processing and social licence.',
      descriptionMd: [
        'EXCEED’s first capacity-building seminar brings three experts online for a day of lectures on subjects close to the project: the geochemistry of mining and resource recovery, the processing of hard-rock lithium deposits, and the social licence to operate of European lithium projects.',
        'The seminar is aimed above all at graduate and postgraduate students and early-stage researchers, but any student or researcher working on topics related to EXCEED’s objectives is welcome.',
      ].join('\n\n'),
      // 19 February 2024, 09:00–14:30 CET (UTC+1).
      startsAt: '2024-02-19T08:00:00Z',
      endsAt: '2024-02-19T13:30:00Z',
      timezone: BRUSSELS,
      onlinePlatform: 'Zoom',
      organisers: 'EXCEED project',
      isHubEvent: true,
      registrationNote: 'Registration closes on 15 February 2024. Registered participants receive the Zoom link by e-mail.',
      topics: ['geochemistry', 'lithium processing', 'social licence to operate'],
      tags: ['capacity building', 'lithium', 'students', 'early-stage researchers'],
      // The source page's AM/PM labels are muddled; these are the intended 24-hour CET slots.
      programme: [
        {
          kind: 'talk',
          title: 'Geochemical assessment in the field of mining and resource recovery',
          startsAt: '2024-02-19T08:00:00Z',
          endsAt: '2024-02-19T09:30:00Z',
          people: [{ name: 'Valérie Cappuyns', honorific: 'Prof.', jobTitle: 'Professor', affiliation: 'KU Leuven', role: 'lecturer' }],
        },
        {
          kind: 'talk',
          title: 'Exploring the challenges and advances in processing of hard Li deposits',
          startsAt: '2024-02-19T09:30:00Z',
          endsAt: '2024-02-19T11:00:00Z',
          people: [
            { name: 'Lev Filippov', honorific: 'Prof.', jobTitle: 'Professor', affiliation: 'École nationale supérieure de géologie (ENSG), University of Lorraine', role: 'lecturer' },
          ],
        },
        {
          kind: 'talk',
          title: 'Preliminary assessment of the social licence to operate in four European lithium projects',
          startsAt: '2024-02-19T12:00:00Z',
          endsAt: '2024-02-19T13:30:00Z',
          people: [{ name: 'Toni Eerola', jobTitle: 'Senior Specialist, Geologist', affiliation: 'Geological Survey of Finland (GTK)', role: 'lecturer' }],
        },
      ],
    },
    projects: ['exceed'],
  },
  {
    event: {
      title: 'FREE4LIB workshop on the digital battery passport',
      slug: 'free4lib-battery-passport-workshop-2024',
      type: 'workshop',
      // The report gives neither the format nor the times; "online" and a whole-day listing are our assumption.
      format: 'online',
      summary: 'FREE4LIB tested its digital battery passport concept with nearly 50 participants from across the battery value chain.',
      descriptionMd: [
        'FREE4LIB’s workshop on the digital battery passport had three aims: to present the first results of the passport concept, to outline the challenges of putting it into practice and possible steps towards industrial scale-up, and to draw a clear line between second use of batteries and their recycling.',
        'Several hub projects took part, reflecting a shared interest in the passport even though their own objectives differ. The report of the workshop does not record its format or times.',
      ].join('\n\n'),
      // 10 January 2024, whole day in CET (UTC+1).
      startsAt: '2024-01-09T23:00:00Z',
      endsAt: '2024-01-10T22:59:00Z',
      allDay: true,
      timezone: BRUSSELS,
      organisers: 'FREE4LIB project',
      isHubEvent: true,
      attendanceNote: 'Nearly 50 participants from different parts of the battery value chain.',
      topics: ['digital battery passport', 'second use versus recycling', 'industrial scale-up'],
      tags: ['battery passport', 'workshop', 'FREE4LIB'],
      programme: [
        {
          kind: 'session',
          title: 'Introduction to FREE4LIB',
          description: 'What the project has achieved so far and, mainly, the work still ahead in its workplan.',
        },
        {
          kind: 'interactive',
          title: 'A data model for the digital battery passport',
          description: 'Results of the University of Graz’s data collection and processing for a passport platform that links beginning-of-life and end-of-life battery data, checked against participants’ experience.',
          people: [{ name: 'Julius Ott', jobTitle: 'Industrial engineer, circular economy', affiliation: 'University of Graz', role: 'speaker' }],
        },
      ],
    },
    projects: ['free4lib'],
  },
  {
    event: {
      title: 'Cluster Hub annual meeting 2023',
      slug: 'cluster-hub-annual-meeting-2023',
      type: 'annual-meeting',
      format: 'hybrid',
      summary: 'The hub’s second annual meeting, a satellite event of Raw Materials Week 2023, with three thematic sessions and an interactive policy session.',
      descriptionMd: [
        'The second annual meeting of the Cluster Hub “Production of raw materials for batteries from European resources” was a satellite event of the 2023 Raw Materials Week in Brussels, open in person and online. It was co-organised by RELiEF, EXCEED, ENICON and RAWMINA.',
        'The hub then counted twelve projects. The meeting let them share preliminary results, discuss the challenges every EU initiative in this field still faces, and talk with outside stakeholders who follow these issues. It also welcomed four new members: EXCEED, RAWMINA, METALLICO and CRM-geothermal.',
        'The day was organised around three themes that cut across the projects: research and science, industry and market, and sustainability, durability and social acceptance, with an interactive session on EU policy in between. The order of the programme below is as reported; session times were not published.',
      ].join('\n\n'),
      // 16 November 2023, whole day in CET (UTC+1); the session times were not published.
      startsAt: '2023-11-15T23:00:00Z',
      endsAt: '2023-11-16T22:59:00Z',
      allDay: true,
      timezone: BRUSSELS,
      city: 'Brussels',
      country: 'BE',
      organisers: 'Cluster Hub, co-organised by RELiEF, EXCEED, ENICON and RAWMINA; facilitated by PNO Innovation',
      isHubEvent: true,
      registrationNote: 'Registration through the hub, for attendance in Brussels or online.',
      attendanceNote: 'Nearly 100 organisations working on the production and recycling of raw materials for batteries took part.',
      topics: ['research and science', 'industry and market', 'sustainability, durability and social acceptance', 'EU policy'],
      tags: ['annual meeting', 'Raw Materials Week', 'Cluster Hub'],
      programme: [
        {
          kind: 'talk',
          title: 'Opening: why the hub exists',
          people: [{ name: 'Nader Akil', jobTitle: 'Operations Manager', affiliation: 'PNO Innovation', role: 'speaker' }],
        },
        {
          kind: 'session',
          title: 'Session 1 — Research and science unlocking new opportunities in raw materials',
          description: 'Mining, refining, processing and battery data seen through research.',
          people: [{ name: 'Sonia Matencio', affiliation: 'LEITAT', representing: 'RAWMINA', role: 'moderator' }],
          children: [
            {
              kind: 'talk',
              title: 'RAWMINA: an integrated pilot for recovering critical raw materials from mine waste',
              people: [{ name: 'Sonia Matencio', affiliation: 'LEITAT', representing: 'RAWMINA', role: 'speaker' }],
            },
            {
              kind: 'talk',
              title: 'Why battery data needs an open passport system',
              people: [{ name: 'Christophe Aucher', affiliation: 'LEITAT', role: 'speaker' }],
            },
            {
              kind: 'talk',
              title: 'ENICON: battery-grade nickel and cobalt from Europe’s low-grade ores and tailings',
              people: [{ name: 'Brecht Dewulf', affiliation: 'KU Leuven', representing: 'ENICON', role: 'speaker' }],
            },
            {
              kind: 'talk',
              title: 'Gas-diffusion electrocrystallisation (GDEx) for metal recovery',
              people: [{ name: 'Xochitl Dominguez', affiliation: 'VITO', representing: 'LiCORNE and RHINOCEROS', role: 'speaker' }],
            },
            {
              kind: 'talk',
              title: 'Extracting critical raw materials from geothermal fluids: the challenges',
              people: [{ name: 'Katrin Kieling', affiliation: 'GFZ Potsdam', representing: 'CRM-geothermal', role: 'speaker' }],
            },
            {
              kind: 'talk',
              title: 'METALLICO: demonstrating battery-metal recovery from primary and secondary resources',
              people: [{ name: 'Sandra Pavón', affiliation: 'Fraunhofer IKTS', representing: 'METALLICO', role: 'speaker' }],
            },
          ],
        },
        {
          kind: 'interactive',
          title: 'Interactive session — Mapping the European battery-material recycling landscape',
          description: 'A live poll on how the Green Deal Industrial Plan, the Net-Zero Industry Act, the Critical Raw Materials Act and the 2023 Battery Regulation fit together, and which measures and incentives would help them succeed.',
          people: [{ name: 'Anish Patil', affiliation: 'TechConcepts', representing: 'RELiEF', role: 'moderator' }],
        },
        {
          kind: 'panel',
          title: 'Session 2 — Industry and market: roles and challenges for raw materials',
          // The report lists the panellists of sessions 2 and 3 together. Emerson's and Wilson's
          // contributions (second-life benchmarks, recycling processes) are industrial, so we place
          // them here; the three who debated social acceptance go to session 3.
          people: [
            { name: 'Alan Gonzalez', affiliation: 'PNO Innovation Belgium', representing: 'LiCORNE', role: 'moderator' },
            { name: 'Edvarts Emerson', jobTitle: 'Production and Testing Engineer', affiliation: 'Watt4Ever', representing: 'RHINOCEROS', role: 'panellist' },
            { name: 'Benjamin Wilson', affiliation: 'Aalto University', representing: 'RESPECT', role: 'panellist' },
          ],
        },
        {
          kind: 'panel',
          title: 'Session 3 — Social acceptance, sustainability and durability',
          people: [
            { name: 'Sam Hoefman', representing: 'RELiEF', role: 'moderator' },
            { name: 'Laura Kainiemi', affiliation: 'LUT University', representing: 'RELiEF', role: 'panellist' },
            { name: 'Konstantinos Komnitsas', affiliation: 'Technical University of Crete', representing: 'EXCEED', role: 'panellist' },
            { name: 'Vitor Correia', affiliation: 'INTRAW', representing: 'CRM-geothermal', role: 'panellist' },
          ],
        },
      ],
    },
    projects: ['relief', 'exceed', 'enicon', 'rawmina'],
  },
  {
    event: {
      title: 'Cluster Hub annual meeting 2024',
      slug: 'cluster-hub-annual-meeting-2024',
      type: 'annual-meeting',
      // Our sources give only the date and city; in person is our assumption.
      format: 'in-person',
      summary: 'The hub’s third annual meeting, in Brussels.',
      descriptionMd: 'The third annual meeting of the Cluster Hub brings its member projects together in Brussels. The programme is not included in our records.',
      // 12 December 2024, whole day in CET (UTC+1).
      startsAt: '2024-12-11T23:00:00Z',
      endsAt: '2024-12-12T22:59:00Z',
      allDay: true,
      timezone: BRUSSELS,
      city: 'Brussels',
      country: 'BE',
      organisers: 'Cluster Hub',
      isHubEvent: true,
      tags: ['annual meeting', 'Cluster Hub'],
    },
  },
];

export const news: NewsSeed[] = [
  {
    post: {
      title: 'Hub projects to organise a session at ICHS 2024',
      slug: 'ichs-2024-hub-session-announced',
      summary: 'ENICON, EXCEED, AVANTIS, LITHOS and CICERO will run a session at the first International Circular Hydrometallurgy Symposium in Mechelen, 9–11 September 2024.',
      bodyMd: [
        'SOLVOMET, KU Leuven’s research and innovation centre for circular hydrometallurgy, is organising the first **International Circular Hydrometallurgy Symposium (ICHS 2024)** in Mechelen, Belgium, from 9 to 11 September 2024.',
        'Five members of the hub, [ENICON](/projects/enicon), [EXCEED](/projects/exceed), [AVANTIS](/projects/avantis), [LITHOS](/projects/lithos) and [CICERO](/projects/cicero), will organise one session of the symposium together. Its programme will be announced later.',
        'Pre-registration for the symposium is open. See the [event page](/events/ichs-2024) for details.',
      ].join('\n\n'),
      publishedAt: '2024-03-28T09:00:00Z',
      tags: ['ICHS 2024', 'hydrometallurgy', 'events'],
    },
    eventSlug: 'ichs-2024',
  },
  {
    post: {
      title: 'A new research agenda for Europe’s batteries',
      slug: 'batt4eu-sria-published',
      summary: 'BATT4EU’s new Strategic Research and Innovation Agenda names six imperatives for the competitiveness of Europe’s battery value chain.',
      bodyMd: [
        'A new **Strategic Research and Innovation Agenda (SRIA)** for batteries has been published. It was co-created by the European Commission and the Batteries European Partnership Association (BEPA), which worked closely with the Batteries Europe Secretariat. Input came from the wider European battery research community through six working groups and several task forces, with attendance in the hundreds.',
        'The agenda replaces the BATT4EU SRIA of 2021. It builds on the roadmaps published by Batteries Europe and Battery 2030+, and sets out the strategic actions that collaborative projects under the BATT4EU Partnership, including members of this hub, can build on. It sets time-bound research and innovation priorities for each stage of the battery value chain.',
        '## Six imperatives',
        'To make Europe’s battery value chain more competitive, the SRIA says six things need tackling:',
        [
          '1. Match research and innovation to what industry needs, so that results reach gigafactories and markets.',
          '2. Strengthen Europe’s strategic autonomy by depending less on imported critical raw materials.',
          '3. Make batteries more affordable, to speed up the green transition and keep European industry competitive.',
          '4. Make battery manufacturing and recycling systems more flexible.',
          '5. Put in place a safe-and-sustainable-by-design framework for batteries.',
          '6. Keep European battery research excellent and sustain cooperation between academia and industry.',
        ].join('\n'),
        'BATT4EU presents the agenda in a [webinar on 20 March 2024](/events/batt4eu-sria-webinar-2024).',
      ].join('\n\n'),
      publishedAt: '2024-03-05T09:00:00Z',
      tags: ['SRIA', 'BATT4EU', 'policy'],
    },
  },
  {
    post: {
      title: 'BATT4EU webinar on the new battery research agenda, 20 March',
      slug: 'batt4eu-sria-webinar-announced',
      summary: 'The BATT4EU Partnership presents its new SRIA online on 20 March 2024, 10:00–11:30 CET.',
      bodyMd: [
        'The BATT4EU Partnership will present its new Strategic Research and Innovation Agenda for batteries in an online webinar on **20 March 2024, from 10:00 to 11:30 (Brussels time, CET)**.',
        'After the presentation, the experts who wrote the agenda will discuss how it is expected to change the dynamics of the European battery sector. The agenda is written for companies, national governments, policy makers and researchers alike, pointing out the main technological challenges and guiding funding priorities across Europe.',
        'Read our [summary of the six imperatives](/news/batt4eu-sria-published) or see the [event page](/events/batt4eu-sria-webinar-2024).',
      ].join('\n\n'),
      publishedAt: '2024-03-07T09:00:00Z',
      tags: ['SRIA', 'BATT4EU', 'webinar'],
    },
    eventSlug: 'batt4eu-sria-webinar-2024',
  },
  {
    post: {
      title: 'RAWMINA and CRM-geothermal hold a joint webinar on 12 March',
      slug: 'rawmina-crm-geothermal-webinar-announced',
      summary: 'Two hub projects present early results on extracting critical raw materials from mine waste and geothermal fluids, online on 12 March 2024.',
      bodyMd: [
        '[RAWMINA](/projects/rawmina) and [CRM-geothermal](/projects/crm-geothermal), both members of the hub and funded by the EU’s research programmes, are organising a joint webinar on **12 March 2024, 10:00–11:30 CET**.',
        'The two projects develop new ways to recover critical raw materials, using adsorption and other separation methods: RAWMINA from mine waste and CRM-geothermal from geothermal fluids. The webinar is a chance to see where their work meets.',
        'It has three aims: to present the first research findings and milestones of both projects; to talk with stakeholders, universities, industry and interested citizens about the challenges and opportunities of CRM extraction; and to look for collaboration with other initiatives, including this hub and the Raw Materials Helix.',
        'Details are on the [event page](/events/rawmina-crm-geothermal-joint-webinar-2024).',
      ].join('\n\n'),
      publishedAt: '2024-02-20T09:00:00Z',
      tags: ['webinar', 'critical raw materials', 'geothermal', 'mine waste'],
    },
    project: 'rawmina',
    eventSlug: 'rawmina-crm-geothermal-joint-webinar-2024',
  },
  {
    post: {
      title: 'EXCEED’s first capacity-building seminar: three lectures online, 19 February',
      slug: 'exceed-capacity-building-seminar-announced',
      summary: 'Lectures by Valérie Cappuyns, Lev Filippov and Toni Eerola for students and early-stage researchers; register by 15 February 2024.',
      bodyMd: [
        'The [EXCEED](/projects/exceed) project holds its **first capacity-building seminar online on 19 February 2024**. Three experts each give a lecture (times in CET):',
        [
          '- **09:00–10:30** — Prof. Valérie Cappuyns (KU Leuven): *Geochemical assessment in the field of mining and resource recovery*',
          '- **10:30–12:00** — Prof. Lev Filippov (ENSG, University of Lorraine): *Exploring the challenges and advances in processing of hard Li deposits*',
          '- **13:00–14:30** — Toni Eerola, Senior Specialist and geologist (Geological Survey of Finland): *Preliminary assessment of the social licence to operate in four European lithium projects*',
        ].join('\n'),
        'The seminar is meant mainly for graduate and postgraduate students and early-stage researchers, but all students and researchers working on subjects related to EXCEED’s goals are welcome.',
        'Registration is open until **15 February 2024**. Registered participants will receive the Zoom link by e-mail. See the [event page](/events/exceed-capacity-building-seminar-2024).',
      ].join('\n\n'),
      publishedAt: '2024-01-29T09:00:00Z',
      tags: ['capacity building', 'seminar', 'lithium'],
    },
    project: 'exceed',
    eventSlug: 'exceed-capacity-building-seminar-2024',
  },
  {
    post: {
      title: 'Hub members test FREE4LIB’s digital battery passport',
      slug: 'free4lib-battery-passport-workshop-report',
      summary: 'Nearly 50 participants reviewed the passport concept, its implementation challenges and the line between second use and recycling.',
      bodyMd: [
        'Although their goals differ, several member projects of the hub share an interest in the **digital battery passport**, one of the initiatives of [FREE4LIB](/projects/free4lib). That shared interest brought them to FREE4LIB’s workshop on 10 January 2024, an example of how the hub’s members pool knowledge and experience for the European battery community.',
        'The workshop had three aims: to present the first results of the passport concept, to outline the challenges of implementing it and possible next steps towards industrial scale-up, and to separate clearly the second use of batteries from their recycling. Nearly 50 participants from different parts of the battery value chain took part, giving a broad view of the subject.',
        '## Two sessions',
        'The opening session introduced FREE4LIB, touching briefly on its results so far and concentrating on the work still ahead.',
        'The second, interactive session was led by **Julius Ott**, an industrial engineer working on the circular economy at the University of Graz. Over the past year, Graz researchers have completed the collection and processing of data for a data model of the passport platform, which is meant to bridge the information gap between a battery’s beginning of life and its end of life. The session let them present that work and check it against the experience of the people in the room.',
        '## What came out of it',
        'Participants, most of them familiar with EU-funded battery projects, confirmed what the Graz team had found, and also voiced concerns about data sharing. Together with the earlier research, these results will guide FREE4LIB as it puts the battery passport into practice within the project.',
      ].join('\n\n'),
      publishedAt: '2024-01-24T09:00:00Z',
      tags: ['battery passport', 'workshop', 'FREE4LIB'],
    },
    project: 'free4lib',
    eventSlug: 'free4lib-battery-passport-workshop-2024',
  },
  {
    post: {
      title: 'The hub’s 2023 annual meeting, a Raw Materials Week satellite',
      slug: 'cluster-hub-annual-meeting-2023-announced',
      summary: 'Twelve projects meet in Brussels and online on 16 November 2023 to share results and talk with stakeholders.',
      bodyMd: [
        'The hub’s annual meeting returns on **16 November 2023** as a satellite event of the 2023 Raw Materials Week, in a hybrid format: in Brussels and online.',
        'The hub started in November 2022, when eight EU-funded projects met at the 7th Raw Materials Week for a workshop on producing raw materials for batteries from European sources. The first meeting went well and stakeholders were keen to keep working together, so the European Commission welcomed the proposal to make the hub permanent.',
        'With twelve projects now on board, this year’s meeting lets each of them share preliminary results, tackle the challenges common to EU initiatives in this area, and exchange with outside stakeholders interested in the questions these projects raise.',
        'See the [event page](/events/cluster-hub-annual-meeting-2023) to register.',
      ].join('\n\n'),
      publishedAt: '2023-10-16T09:00:00Z',
      tags: ['annual meeting', 'Raw Materials Week', 'Cluster Hub'],
    },
    eventSlug: 'cluster-hub-annual-meeting-2023',
  },
  {
    post: {
      title: 'Annual meeting 2023: research, industry and society around battery raw materials',
      slug: 'cluster-hub-annual-meeting-2023-report',
      summary: 'Nearly 100 organisations joined the hub’s second annual meeting in Brussels, which welcomed four new projects and polled participants on EU policy.',
      bodyMd: [
        'On Thursday 16 November 2023, during Raw Materials Week, the twelve EU-funded projects of the hub met in Brussels for their annual meeting. The event, co-organised by [RELiEF](/projects/relief), [EXCEED](/projects/exceed), [ENICON](/projects/enicon) and [RAWMINA](/projects/rawmina), drew nearly 100 organisations involved in producing and recycling raw materials for batteries from primary and secondary resources, and welcomed four new members: EXCEED, RAWMINA, [METALLICO](/projects/metallico) and [CRM-geothermal](/projects/crm-geothermal).',
        'Nader Akil, Operations Manager at PNO Innovation, opened this second edition by recalling why the hub was set up a year earlier, at the 7th Raw Materials Week, and how much interest it continues to attract from stakeholders who want to join.',
        'The meeting was built around three themes that run across all projects: research and science, industry and market, and sustainability, durability and social acceptance.',
        '## Session 1: research and science',
        'Sonia Matencio (LEITAT, for RAWMINA) moderated the first session on mining, refining, processing and battery data. She introduced RAWMINA’s integrated pilot for recovering critical raw materials from mine waste. Her LEITAT colleague Christophe Aucher argued for an open battery passport system that can follow changes in regulation. Brecht Dewulf (KU Leuven, for ENICON) showed what Europe’s low-grade nickel and cobalt ores and tailings could deliver as battery-grade metals. Xochitl Dominguez (VITO) explained gas-diffusion electrocrystallisation (GDEx), in which a gas reduced at a gas-diffusion electrode produces the reagent that precipitates metals from solution, a technique central to her work in LiCORNE and RHINOCEROS. Katrin Kieling (GFZ Potsdam) described the difficulties of extracting critical raw materials from geothermal fluids in CRM-geothermal, and Sandra Pavón (Fraunhofer IKTS) closed with METALLICO’s demonstration of battery-metal recovery from primary and secondary resources.',
        '## Interactive session: EU policy through stakeholders’ eyes',
        'Anish Patil (TechConcepts, for RELiEF) then led an interactive session, run with Mentimeter, on how the Green Deal Industrial Plan, the Net-Zero Industry Act, the Critical Raw Materials Act and the 2023 Battery Regulation interact, and which measures and incentives would help them reach their goals. More than 30 people answered the live poll:',
        [
          '- Asked to rank the four pillars of the Green Deal Industrial Plan, they put **funding and state aid** first, then skills, a supportive regulatory environment, and open and fair trade.',
          '- To stimulate investment in net-zero technologies, most chose **enhanced skills** as the first priority, closely followed by easier market access.',
          '- On measures to build domestic capacity for extracting critical raw materials, the largest group chose **cutting red tape and accelerating permits**, yet about half of the answers expressed uncertainty — a reminder that projects need to involve policy makers as stakeholders.',
        ].join('\n'),
        '## Sessions 2 and 3: industry, market and society',
        'Alan Gonzalez (PNO Innovation Belgium, for LiCORNE) moderated the industry and market session, and Sam Hoefman (RELiEF) the closing session on social acceptance, sustainability and durability. Edvarts Emerson (Watt4Ever) presented RHINOCEROS work on benchmarks, acceptance criteria and guidelines for second-life use of lithium batteries, and Benjamin Wilson presented Aalto University’s work in RESPECT on efficient, safe and sustainable battery recycling. Laura Kainiemi (LUT University, RELiEF), Konstantinos Komnitsas (Technical University of Crete, EXCEED) and Vitor Correia (INTRAW, CRM-geothermal) debated social acceptance in affected communities, the need for new conversations on responsible mining, and how public authorities at every level, universities, companies and citizens can shape these projects together.',
        'Our thanks go to everyone who made the meeting so constructive. The full programme is on the [event page](/events/cluster-hub-annual-meeting-2023).',
      ].join('\n\n'),
      publishedAt: '2023-12-05T09:00:00Z',
      tags: ['annual meeting', 'Raw Materials Week', 'policy', 'Cluster Hub'],
    },
    eventSlug: 'cluster-hub-annual-meeting-2023',
  },
];

export const about: AboutSeed = {
  title: 'About the hub',
  bodyMd: [
    'The Cluster Hub **“Production of raw materials for batteries from European resources”** is a space for exchanging knowledge. People working in EU-funded projects, whether in industry, universities, research institutes, support organisations or as independent experts, use it to find the topics their projects have in common, to discuss the production of materials for batteries, and to spot synergies that can speed up innovation in the field.',
    '## How it started',
    'The idea of a permanent hub took shape in November 2022 at the 7th Raw Materials Week, when eight EU-funded projects held a joint workshop on producing raw materials for batteries from European sources. The workshop was a success and stakeholders were eager to keep collaborating, so the European Commission welcomed the proposal to turn it into a permanent clustering hub.',
    'The hub has met every year since, with its annual meeting held in Brussels. It is facilitated by PNO Innovation and has grown to the member projects listed on our [projects page](/projects), covering the chain from exploration and mining through processing, refining and materials to recycling and second life.',
    '## What members do together',
    '- share results and open questions at the annual meeting and joint sessions at conferences;\n- run webinars, seminars and workshops that are open to the wider community;\n- bring their findings to policy makers and other stakeholders.',
    '## How to join',
    `Is your project working on raw materials for batteries from European resources, or would you like to learn more about the hub? [Tell us about it on our join page](/join). You can also follow the hub at [materialsforbatterieshub.eu](${HUB_WEBSITE}).`,
    '*Project facts (grant numbers, call topics, dates, coordinators) — Source: CORDIS, European Commission, reused under CC BY 4.0.*',
  ].join('\n\n'),
};

/** The period the seeded events and news fall in, offered on the impact report. */
export const reportingPeriod = { name: 'Cluster Hub 2023–2024 (seeded content)', from: '2023-10-01', to: '2024-12-31' };
