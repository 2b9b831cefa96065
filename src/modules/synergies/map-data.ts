/**
 * The data of /map: the member projects' organisations with their place and value-chain stages (map.ts draws it).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { listPartners, listProjects, type Partner, type Project } from '../directory/service.js';

type Db = Kysely<Database>;

export const VALUE_CHAIN_STAGES = ['exploration-mining', 'processing-refining', 'materials', 'cells', 'recycling', 'second-life'] as const;
export type ValueChainStage = (typeof VALUE_CHAIN_STAGES)[number];
export const STAGE_LABELS: Record<ValueChainStage, string> = {
  'exploration-mining': 'Exploration and mining',
  'processing-refining': 'Processing and refining',
  materials: 'Materials',
  cells: 'Cells',
  recycling: 'Recycling',
  'second-life': 'Second life',
};

const STAGE_PATTERNS: [ValueChainStage, RegExp][] = [
  ['exploration-mining', /\b(mining|mine|exploration|ores?|blasting|geometallurg|brines?|geotherm|deposit|pre-concentration|beneficiation)/i],
  ['processing-refining', /\b(refin|hydrometallurg|pyrometallurg|leach|solvometallurg|extraction|precipitation|processing|electrodeposition|battery-grade)/i],
  ['materials', /\b(cathode|anode|precursor|CAM\b|active material|electrode|synthesis)/i],
  ['cells', /\b(cells?\b|cell manufacturing|gigafactor)/i],
  ['recycling', /\b(recycl|dismantl|black mass|end-of-life|re-synthesis|regenerat)/i],
  ['second-life', /\b(second[- ]life|repurpos|reuse)/i],
];

/** The value-chain stages a project works on, read from its title, tags and technologies. */
export function projectStages(project: Pick<Project, 'title' | 'tags' | 'metals' | 'resources' | 'technologies' | 'summary'>): ValueChainStage[] {
  const text = [project.title, project.summary, ...project.tags, ...project.resources, ...project.technologies].join(' . ');
  return STAGE_PATTERNS.filter(([, re]) => re.test(text)).map(([stage]) => stage);
}

export interface MapFilters {
  project?: string;
  country?: string;
  type?: string;
  stage?: ValueChainStage;
}

export interface MapPoint {
  organisation: string;
  city: string | null;
  country: string | null;
  activityType: string | null;
  lat: number;
  lon: number;
  projects: { acronym: string; slug: string; role: string }[];
  stages: ValueChainStage[];
}

export interface MapData {
  points: MapPoint[];
  /** Organisations per country (ISO 3166-1 alpha-2) among the filtered points. */
  countries: Map<string, number>;
  projects: Project[];
  allCountries: string[];
  allTypes: string[];
  unlocated: number;
}

/** Organisations of member projects, filtered, with their location: the data of /map. */
export async function mapData(db: Db, filters: MapFilters): Promise<MapData> {
  const projects = await listProjects(db, { members: true });
  const partners: Partner[] = await listPartners(db, projects.map((p) => p.id));
  const byId = new Map(projects.map((p) => [p.id, p]));
  const stagesOf = new Map(projects.map((p) => [p.id, projectStages(p)]));
  const byOrganisation = new Map<number, { partner: Partner; links: { project: Project; role: string }[] }>();
  for (const partner of partners) {
    const project = byId.get(partner.projectId);
    if (!project) continue;
    const entry = byOrganisation.get(partner.id) ?? { partner, links: [] };
    entry.links.push({ project, role: partner.role });
    byOrganisation.set(partner.id, entry);
  }
  const all = [...byOrganisation.values()];
  const allCountries = [...new Set(all.map((e) => e.partner.country).filter((c): c is string => !!c))].sort();
  const allTypes = [...new Set(all.map((e) => e.partner.activityType).filter((c): c is string => !!c))].sort();
  const points: MapPoint[] = [];
  let unlocated = 0;
  for (const { partner, links } of all) {
    const stageList = (s: Project): ValueChainStage[] =>
      partner.valueChainStage && (VALUE_CHAIN_STAGES as readonly string[]).includes(partner.valueChainStage) ? [partner.valueChainStage as ValueChainStage] : (stagesOf.get(s.id) ?? []);
    const kept = links.filter((l) => (!filters.project || l.project.slug === filters.project) && (!filters.stage || stageList(l.project).includes(filters.stage)));
    if (!kept.length) continue;
    if (filters.country && partner.country !== filters.country) continue;
    if (filters.type && partner.activityType !== filters.type) continue;
    if (partner.lat === null || partner.lon === null) {
      unlocated++;
      continue;
    }
    points.push({
      organisation: partner.name,
      city: partner.city,
      country: partner.country,
      activityType: partner.activityType,
      lat: partner.lat,
      lon: partner.lon,
      projects: kept.map((l) => ({ acronym: l.project.acronym, slug: l.project.slug, role: l.role })),
      stages: [...new Set(kept.flatMap((l) => stageList(l.project)))],
    });
  }
  const countries = new Map<string, number>();
  for (const p of points) if (p.country) countries.set(p.country, (countries.get(p.country) ?? 0) + 1);
  return { points, countries, projects, allCountries, allTypes, unlocated };
}
