/**
 * Europe drawn on the server: d3-geo projects world-atlas country shapes (bundled, offline) into SVG path strings;
 * the views add points and a choropleth. The base map is computed once per process.
 */
import { createRequire } from 'node:module';
import { geoAzimuthalEqualArea, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';

export const MAP_WIDTH = 800;
export const MAP_HEIGHT = 680;

/** ISO 3166-1 alpha-2 → numeric (world-atlas ids) for the countries a European cluster meets. */
export const ISO_NUMERIC: Record<string, string> = {
  AL: '008', AT: '040', BA: '070', BE: '056', BG: '100', BY: '112', CH: '756', CY: '196', CZ: '203', DE: '276',
  DK: '208', EE: '233', ES: '724', FI: '246', FR: '250', GB: '826', GR: '300', HR: '191', HU: '348', IE: '372',
  IS: '352', IT: '380', LT: '440', LU: '442', LV: '428', MD: '498', ME: '499', MK: '807', MT: '470', NL: '528',
  NO: '578', PL: '616', PT: '620', RO: '642', RS: '688', SE: '752', SI: '705', SK: '703', TR: '792', UA: '804',
  XK: '-99', IL: '376', MA: '504', TN: '788', GE: '268', AM: '051', RU: '643',
};

export interface BaseMap {
  countries: { id: string; name: string; d: string }[];
  project(lon: number, lat: number): [number, number] | null;
}

let cached: BaseMap | null = null;

/** The projected country outlines of Europe and a function placing a point on them. */
export function baseMap(): BaseMap {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const topology = require('world-atlas/countries-110m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries);
  const projection: GeoProjection = geoAzimuthalEqualArea()
    .rotate([-12, -52])
    .fitExtent(
      [
        [0, 0],
        [MAP_WIDTH, MAP_HEIGHT],
      ],
      {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'MultiPoint',
          // the south edge in steps: a parallel bows down in the middle of this projection, and Crete and Cyprus lie there
          coordinates: [
            [-11, 35],
            [12, 34.5],
            [24, 34.5],
            [35, 34.5],
            [-11, 70],
            [35, 70],
          ],
        },
      },
    )
    .clipExtent([
      [0, 0],
      [MAP_WIDTH, MAP_HEIGHT],
    ]);
  const path = geoPath(projection).digits(1);
  const countries = [];
  for (const f of collection.features) {
    const d = path(f);
    if (!d) continue;
    countries.push({ id: String(f.id), name: f.properties?.name ?? '', d });
  }
  cached = {
    countries,
    project: (lon, lat) => {
      const p = projection([lon, lat]);
      if (!p || p[0] < 0 || p[1] < 0 || p[0] > MAP_WIDTH || p[1] > MAP_HEIGHT) return null;
      return [Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10];
    },
  };
  return cached;
}
