import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { normaliseCountry } from '../../lib/countries.js';
import { detectDelimiter, emptyDataset, parseGeolocation, readCordis, readCordisFile, repairLeadingQuotes } from './cordis.js';
import { readZip } from './zip.js';

const PROJECT_HEADER = '"id";"acronym";"status";"title";"startDate";"endDate";"totalCost";"ecMaxContribution";"legalBasis";"topics";"frameworkProgramme";"masterCall";"subCall";"fundingScheme";"nature";"objective";"contentUpdateDate";"rcn";"grantDoi"';

function projectRow(id: string, acronym: string, objective: string): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [id, acronym, 'SIGNED', `Title of ${acronym}`, '2022-06-01', '2026-05-31', '5000000,5', '4999999', 'HORIZON.2.5', 'HORIZON-CL5-2021-D2-01-01', 'HORIZON', 'HORIZON-CL5-2021-D2-01', 'HORIZON-CL5-2021-D2-01', 'HORIZON-RIA', '', objective, '2024-01-01 10:00:00', '123', '10.3030/' + id].map(q).join(';');
}

async function read(file: string, text: string | Buffer) {
  const dataset = emptyDataset();
  await readCordisFile(dataset, file, Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));
  return dataset;
}

describe('CORDIS CSV reading', () => {
  it('reads ;-separated fully quoted objectives holding quotes, semicolons and newlines', async () => {
    const objective = '"Lithium" from brines; a "closed-loop" route.\nSecond line; with "quotes" and ;; semicolons.\r\nThird line.';
    const text = [PROJECT_HEADER, projectRow('101069644', 'LiCORNE', objective), projectRow('101058124', 'ENICON', 'Nickel; cobalt')].join('\n') + '\n';
    const d = await read('project.csv', text);
    expect(d.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const p = d.projects.get('101069644')!;
    expect(p.objective).toBe(objective.trim());
    expect(p.acronym).toBe('LiCORNE');
    expect(p.totalCost).toBe(5000000.5);
    expect(p.topics).toEqual([{ code: 'HORIZON-CL5-2021-D2-01-01', title: '' }]);
    expect(d.projects.get('101058124')!.objective).toBe('Nickel; cobalt');
  });

  it('detects the delimiter from the header line', () => {
    expect(detectDelimiter('"projectID";"topic";"title"\n"1";"a,b";"c"')).toBe(';');
    expect(detectDelimiter('projectID,euroSciVocCode,euroSciVocPath\n1,"/a;b",x')).toBe(',');
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',');
  });

  it('reads ,-separated files (euroSciVoc, deliverables, report summaries)', async () => {
    const d = await read(
      'he_euroSciVoc.csv',
      'projectID,euroSciVocCode,euroSciVocPath,euroSciVocTitle,euroSciVocDescription\n101069644,/23/1,"/natural sciences/chemical sciences/inorganic chemistry/alkali metals",alkali metals,\n',
    );
    expect(d.projects.get('101069644')!.sciVoc[0].path).toBe('/natural sciences/chemical sciences/inorganic chemistry/alkali metals');
    const r = await read('he_reportSummaries.csv', 'id,title,projectID,projectAcronym,attachment,contentUpdateDate,rcn\n1_PS,"Periodic Reporting for period 1 - RELiEF (Recycling of lithium, from ""end-of-life"" batteries)",101069789,RELiEF,,2024-01-01,1\n');
    const p = r.projects.get('101069789')!;
    expect(p.acronym).toBe('RELiEF');
    expect(p.title).toBe('Recycling of lithium, from "end-of-life" batteries');
  });

  it('reports a broken row with file and line, skips it and reads the rest', async () => {
    const text = '"projectID";"topic";"title"\n"1";"T-1";"One"\n"2";"T-2"\n"3";"T-3";"Three"\n"x4";"T-4";"Bad id"\n"5";"T-5";"Five"\n';
    const d = await read('he_topics.csv', text);
    expect([...d.projects.keys()].sort()).toEqual(['1', '3', '5']);
    const errors = d.issues.filter((i) => i.severity === 'error');
    expect(errors.map((e) => [e.file, e.line])).toEqual([
      ['he_topics.csv', 3],
      ['he_topics.csv', 5],
    ]);
    expect(errors[1].message).toContain('invalid project id');
    expect(d.files[0]).toMatchObject({ rows: 3, skipped: 2 });
  });

  it('survives an unterminated quote at the end of a file', async () => {
    const d = await read('he_topics.csv', '"projectID";"topic";"title"\n"1";"T-1";"One"\n"2";"T-2";"never closed\n');
    expect(d.projects.has('1')).toBe(true);
    expect(d.issues.some((i) => i.severity === 'error')).toBe(true);
  });

  it('repairs the CORDIS bare-quote quirk without touching valid rows', async () => {
    const quirk = '"projectID";"topic";"title"\n"1";"T-1";""Fit for 55"" package (ZEWT)""\n"2";"T-2";"Plain ""quoted"" word"\n"3";"T-3";""\n';
    const d = await read('he_topics.csv', quirk);
    expect(d.projects.get('1')!.topics[0].title).toBe('"Fit for 55" package (ZEWT)"');
    expect(d.projects.get('2')!.topics[0].title).toBe('Plain "quoted" word');
    expect(d.projects.get('3')!.topics[0].title).toBe('');
    expect(d.issues).toEqual([expect.objectContaining({ line: 2, severity: 'warning' })]);
    const valid = '"a";"b"\n"1";"x ""y"" z"\n';
    expect(repairLeadingQuotes(valid, ';').text).toBe(valid);
  });

  it('reports unknown and missing columns', async () => {
    const unknown = await read('he_topics.csv', '"projectID";"topic";"title";"colour"\n"1";"T-1";"One";"red"\n');
    expect(unknown.projects.has('1')).toBe(true);
    expect(unknown.issues).toEqual([expect.objectContaining({ severity: 'warning', line: 1, message: expect.stringContaining('colour') })]);
    const missing = await read('he_topics.csv', '"projectID";"title"\n"1";"One"\n');
    expect(missing.projects.size).toBe(0);
    expect(missing.issues[0]).toMatchObject({ severity: 'error', line: 1 });
  });

  it('reports duplicate ids and keeps the first', async () => {
    const d = await read('project.csv', [PROJECT_HEADER, projectRow('7', 'FIRST', 'a'), projectRow('7', 'SECOND', 'b')].join('\n'));
    expect(d.projects.get('7')!.acronym).toBe('FIRST');
    expect(d.issues).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('duplicate project id 7') })]);
    const dl = await read('he_projectDeliverables.csv', 'id,title,deliverableType,description,projectID\nD1,Report,Documents,,7\nD1,Again,Documents,,7\nD2,,Documents,,7\n');
    expect(dl.projects.get('7')!.deliverables).toHaveLength(1);
    expect(dl.issues.map((i) => i.line)).toEqual([3, 4]);
  });

  it('reads a file that is not UTF-8 as Windows-1252, with a warning', async () => {
    const latin1 = Buffer.from('"projectID";"topic";"title"\n"1";"T-1";"Matériaux critiques"\n', 'latin1');
    const d = await read('he_topics.csv', latin1);
    expect(d.projects.get('1')!.topics[0].title).toBe('Matériaux critiques');
    expect(d.issues[0]).toMatchObject({ severity: 'warning', message: expect.stringContaining('UTF-8') });
  });

  it('normalises organisations: EL→GR, UK→GB, "lat,lon", roles', async () => {
    const header = 'projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;activityType;street;postCode;city;country;nutsCode;geolocation;organizationURL;contactForm;contentUpdateDate;rcn;order;role;ecContribution;netEcContribution;totalCost;endOfParticipation;active';
    const rows = [
      '101069789;RELiEF;999;;National Technical University of Athens;NTUA;false;HES;;;Athens;EL;EL303;37.9780,23.7830;;;;;1;coordinator;100,5;;;;true',
      '101069789;RELiEF;998;;University of Birmingham;UoB;false;HES;;;Birmingham;UK;UKG31;52.45,-1.93;;;;;2;participant;;;;;true',
      '101069789;RELiEF;997;;Nowhere Ltd;;true;PRC;;;;;;not a place;;;;;3;participant;;;;;true',
    ];
    const d = await read('organization.csv', [header, ...rows].join('\n'));
    expect(d.organisations.map((o) => o.country)).toEqual(['GR', 'GB', null]);
    expect(d.organisations[0]).toMatchObject({ lat: 37.978, lon: 23.783, role: 'coordinator', activityType: 'HES', sme: false, ecContribution: 100.5 });
    expect(d.organisations[2]).toMatchObject({ lat: null, lon: null, sme: true });
    expect(normaliseCountry('el')).toBe('GR');
    expect(normaliseCountry('UK')).toBe('GB');
    expect(normaliseCountry('Belgium')).toBeNull();
    expect(parseGeolocation('91,0')).toBeNull();
  });

  it('reads JSON downloads with the same columns', async () => {
    const d = await read('he_topics.json', JSON.stringify([{ projectID: '1', topic: 'T-1', title: 'One' }, 'junk', { projectID: 2, topic: 'T-2', title: 'Two' }]));
    expect([...d.projects.keys()]).toEqual(['1', '2']);
    expect(d.issues).toEqual([expect.objectContaining({ line: 2, message: 'record is not an object' })]);
  });
});

/** A minimal zip writer for the test (deflated entries). */
function makeZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content);
    const packed = deflateRawSync(data);
    const nameBuf = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const centralBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}

describe('CORDIS downloads', () => {
  it('reads a zip and a folder alike, listing files it does not use', async () => {
    const files = {
      'cordis-HORIZONprojects-csv/he_topics.csv': '"projectID";"topic";"title"\n"1";"T-1";"One"\n',
      'cordis-HORIZONprojects-csv/he_euroSciVoc.csv': 'projectID,euroSciVocCode,euroSciVocPath,euroSciVocTitle,euroSciVocDescription\n1,/1,/engineering and technology/materials engineering,materials engineering,\n',
      'cordis-HORIZONprojects-csv/README.txt': 'hello',
    };
    expect(readZip(makeZip(files)).map((e) => e.name)).toHaveLength(3);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordis-test-'));
    try {
      fs.writeFileSync(path.join(dir, 'download.zip'), makeZip(files));
      const fromZip = await readCordis(path.join(dir, 'download.zip'));
      expect(fromZip.projects.get('1')!.sciVoc).toHaveLength(1);
      expect(fromZip.files.filter((f) => f.kind === 'unused')).toHaveLength(1);
      fs.mkdirSync(path.join(dir, 'folder'));
      fs.writeFileSync(path.join(dir, 'folder', 'he_topics.csv'), files['cordis-HORIZONprojects-csv/he_topics.csv']);
      const fromFolder = await readCordis(path.join(dir, 'folder'));
      expect(fromFolder.projects.get('1')!.topics[0].code).toBe('T-1');
      fs.writeFileSync(path.join(dir, 'broken.zip'), 'not a zip');
      const broken = await readCordis(path.join(dir, 'broken.zip'));
      expect(broken.issues[0]).toMatchObject({ severity: 'error', file: 'broken.zip' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
