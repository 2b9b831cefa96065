/**
 * Synergies service, the module's public face: stores CORDIS "known projects" (import.ts), computes related projects
 * and shared topics with the engine (compute.ts), answers the pages (related.ts, topics.ts, map-data.ts). It reaches
 * the hub's own projects only through the directory service.
 */
import { extensionPoint, type PagePart } from '../../lib/modules.js';

export { countKnownProjects, importCordis, type ImportSummary, loadCordisProjects } from './import.js';
export { ensureComputed, memberDocument, recomputeSynergies, type RecomputeSummary, refreshProject, relatedInCorpus } from './compute.js';
export * from './related.js';
export * from './topics.js';
export * from './map-data.js';
/** The drawing of Europe, for other modules' maps (the impact report's countries). */
export { baseMap, ISO_NUMERIC, MAP_HEIGHT, MAP_WIDTH } from './map.js';

/** What other modules show on a topic's page, given the projects that share it (the library's documents, 10). */
export const TOPIC_PAGE_MAIN = extensionPoint<PagePart<{ projectIds: number[] }>>('synergies.topic.main');
