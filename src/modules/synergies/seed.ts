import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { addPartner, ensureOrganisation, listProjects, type OrganisationInput } from '../directory/service.js';

/**
 * Coordinators of the member projects (facts from the hub's project list: organisation, country; city coordinates
 * approximate, at city level) so the map is not empty before organization.csv is imported. Keyed by acronym.
 */
export const COORDINATORS: Record<string, OrganisationInput> = {
  ENICON: { name: 'KU Leuven', shortName: 'KU Leuven', country: 'BE', city: 'Leuven', activityType: 'HES', lat: 50.8777, lon: 4.7003 },
  AVANTIS: { name: 'KU Leuven', shortName: 'KU Leuven', country: 'BE', city: 'Leuven', activityType: 'HES', lat: 50.8777, lon: 4.7003 },
  CICERO: { name: 'KU Leuven', shortName: 'KU Leuven', country: 'BE', city: 'Leuven', activityType: 'HES', lat: 50.8777, lon: 4.7003 },
  LITHOS: { name: 'Teknologian tutkimuskeskus VTT Oy', shortName: 'VTT', country: 'FI', city: 'Espoo', activityType: 'REC', lat: 60.2055, lon: 24.6559 },
  RAWMINA: { name: 'LEITAT (Acondicionamiento Tarrasense Asociación)', shortName: 'LEITAT', country: 'ES', city: 'Terrassa', activityType: 'REC', lat: 41.5632, lon: 2.0089 },
  'CRM-GEOTHERMAL': { name: 'GFZ German Research Centre for Geosciences', shortName: 'GFZ', country: 'DE', city: 'Potsdam', activityType: 'REC', lat: 52.3906, lon: 13.0645 },
  FREE4LIB: { name: 'Fundación CARTIF', shortName: 'CARTIF', country: 'ES', city: 'Boecillo (Valladolid)', activityType: 'REC', lat: 41.5404, lon: -4.7009 },
  RELIEF: { name: 'Avesta Battery & Energy Engineering', shortName: 'ABEE', country: 'BE', city: 'Brussels', activityType: 'PRC', lat: 50.8503, lon: 4.3517 },
  LICORNE: { name: 'Fundación Tecnalia Research & Innovation', shortName: 'TECNALIA', country: 'ES', city: 'Derio', activityType: 'REC', lat: 43.2917, lon: -2.8736 },
  RHINOCEROS: { name: 'Fundación Tecnalia Research & Innovation', shortName: 'TECNALIA', country: 'ES', city: 'Derio', activityType: 'REC', lat: 43.2917, lon: -2.8736 },
  METALLICO: { name: 'IDENER', shortName: 'IDENER', country: 'ES', city: 'Seville', activityType: 'PRC', lat: 37.3891, lon: -5.9845 },
  RESPECT: { name: 'Orano Mining', shortName: 'Orano Mining', country: 'FR', city: 'Châtillon', activityType: 'PRC', lat: 48.8034, lon: 2.2938 },
};

/** Adds each member project's coordinator as a partner (idempotent); answers how many links were made. */
export async function seedCoordinators(db: Kysely<Database>): Promise<number> {
  let n = 0;
  for (const project of await listProjects(db, { members: true })) {
    const organisation = COORDINATORS[project.acronym.toUpperCase()];
    if (!organisation) continue;
    await addPartner(db, project.id, await ensureOrganisation(db, organisation), 'coordinator');
    n++;
  }
  return n;
}
