/** One row of a CORDIS file into the dataset: cleaning of values, and per file kind what a row adds to which project. */

import { normaliseCountry } from '../../lib/countries.js';
import type { CordisDataset, CordisProject, FileKind, Row } from './cordis-types.js';

/** Parses CORDIS "lat,lon" (also "lat;lon" or with spaces); null when absent or out of range. */
export function parseGeolocation(value: string | null | undefined): { lat: number; lon: number } | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,;]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value ?? '');
  if (!m) return null;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}

function clean(value: string | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}
function nullable(value: string | undefined): string | null {
  const v = clean(value);
  return v === '' ? null : v;
}
/** CORDIS amounts come as "1234.5" or "1234,5". */
function amount(value: string | undefined): number | null {
  const v = clean(value).replace(/\s/g, '');
  if (!v) return null;
  const n = Number(v.includes('.') ? v.replace(/,/g, '') : v.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}
function date(value: string | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(clean(value));
  return m ? m[1] : null;
}
const PROJECT_ID = /^\d{1,12}$/;

function newProject(id: string): CordisProject {
  return {
    id,
    acronym: null,
    title: null,
    objective: null,
    status: null,
    startDate: null,
    endDate: null,
    frameworkProgramme: null,
    fundingScheme: null,
    totalCost: null,
    ecMaxContribution: null,
    topics: [],
    legalBasis: [],
    sciVoc: [],
    deliverables: [],
    reports: [],
  };
}

/** Returns a function that stores one row and answers a problem message, or null when the row was taken. */
export function rowHandler(kind: FileKind, dataset: CordisDataset): (row: Row) => string | null {
  const projects = dataset.projects;
  const fromProjectFile = new Set<string>();
  const seen = new Set<string>();
  const project = (row: Row, key = 'projectid'): CordisProject | string => {
    const id = clean(row[key]);
    if (!PROJECT_ID.test(id)) return `invalid project id "${id.slice(0, 40)}"`;
    let p = projects.get(id);
    if (!p) {
      p = newProject(id);
      projects.set(id, p);
    }
    const acronym = nullable(row.projectacronym);
    if (acronym && !p.acronym) p.acronym = acronym;
    return p;
  };
  const once = (key: string): boolean => {
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };

  switch (kind) {
    case 'project':
      return (row) => {
        const id = clean(row.id);
        if (fromProjectFile.has(id)) return `duplicate project id ${id}; row skipped`;
        const p = project(row, 'id');
        if (typeof p === 'string') return p;
        fromProjectFile.add(id);
        p.acronym = nullable(row.acronym) ?? p.acronym;
        p.title = nullable(row.title) ?? p.title;
        p.objective = (row.objective ?? '').trim() || null;
        p.status = nullable(row.status);
        p.startDate = date(row.startdate);
        p.endDate = date(row.enddate);
        p.frameworkProgramme = nullable(row.frameworkprogramme);
        p.fundingScheme = nullable(row.fundingscheme);
        p.totalCost = amount(row.totalcost);
        p.ecMaxContribution = amount(row.ecmaxcontribution);
        const topics = clean(row.topics);
        if (topics) for (const code of topics.split(/[;,]/).map((t) => t.trim()).filter(Boolean)) {
          if (!p.topics.some((t) => t.code === code)) p.topics.push({ code, title: '' });
        }
        return null;
      };
    case 'organization':
      return (row) => {
        const p = project(row);
        if (typeof p === 'string') return p;
        const organisationId = clean(row.organisationid);
        const name = clean(row.name);
        if (!organisationId || !name) return 'organisation without id or name';
        const role = nullable(row.role)?.toLowerCase() ?? null;
        if (!once(`${p.id}|${organisationId}|${role}`)) return `duplicate organisation ${organisationId} in project ${p.id}`;
        const geo = parseGeolocation(row.geolocation);
        const sme = clean(row.sme).toLowerCase();
        dataset.organisations.push({
          projectId: p.id,
          organisationId,
          name,
          shortName: nullable(row.shortname),
          activityType: nullable(row.activitytype)?.toUpperCase() ?? null,
          role,
          sme: sme === 'true' ? true : sme === 'false' ? false : null,
          city: nullable(row.city),
          country: normaliseCountry(row.country),
          lat: geo?.lat ?? null,
          lon: geo?.lon ?? null,
          url: nullable(row.organizationurl),
          ecContribution: amount(row.eccontribution),
        });
        return null;
      };
    case 'topics':
      return (row) => {
        const p = project(row);
        if (typeof p === 'string') return p;
        const code = clean(row.topic);
        if (!code) return 'empty topic code';
        const existing = p.topics.find((t) => t.code === code);
        if (existing) {
          if (!existing.title) existing.title = clean(row.title);
          return null;
        }
        p.topics.push({ code, title: clean(row.title) });
        return null;
      };
    case 'legalBasis':
      return (row) => {
        const p = project(row);
        if (typeof p === 'string') return p;
        const code = clean(row.legalbasis);
        if (!code) return 'empty legal basis';
        if (p.legalBasis.some((l) => l.code === code)) return null;
        p.legalBasis.push({ code, title: clean(row.title), uniqueProgrammePart: clean(row.uniqueprogrammepart) === 'true' });
        return null;
      };
    case 'euroSciVoc':
      return (row) => {
        const p = project(row);
        if (typeof p === 'string') return p;
        const path = clean(row.euroscivocpath);
        if (!path.startsWith('/')) return `invalid euroSciVoc path "${path.slice(0, 40)}"`;
        if (p.sciVoc.some((s) => s.path === path)) return null;
        p.sciVoc.push({
          code: clean(row.euroscivoccode),
          path,
          title: clean(row.euroscivoctitle) || path.slice(path.lastIndexOf('/') + 1),
        });
        return null;
      };
    case 'deliverables':
      return (row) => {
        const p = project(row);
        if (typeof p === 'string') return p;
        const title = clean(row.title);
        const description = clean(row.description);
        if (!title && !description) return 'deliverable without title or description';
        const id = clean(row.id) || `${p.id}_${p.deliverables.length + 1}`;
        if (!once(id)) return `duplicate deliverable id ${id}`;
        p.deliverables.push({ id, title, type: clean(row.deliverabletype), description, url: nullable(row.url) });
        return null;
      };
    case 'reports':
      return (row) => {
        const p = project(row);
        if (typeof p === 'string') return p;
        const title = clean(row.title);
        if (!title) return 'report summary without title';
        const id = clean(row.id) || `${p.id}_report_${p.reports.length + 1}`;
        if (!once(id)) return `duplicate report id ${id}`;
        p.reports.push({ id, title });
        const m = /^Periodic Reporting for period \d+ - (.+?) \((.+)\)$/.exec(title);
        if (m) {
          if (!p.acronym) p.acronym = m[1];
          if (!p.title) p.title = m[2];
        }
        return null;
      };
  }
}
