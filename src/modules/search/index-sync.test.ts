import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, signIn, type TestApp } from '../../../test/helpers/app.js';
import { localStorage } from '../../lib/storage.js';
import { addPartner, createOrganisation, createPerson, deleteOrganisation, deletePerson, findProjectBySlug, removePartner, updateOrganisation, updatePerson } from '../directory/service.js';
import { createEvent, findEventById, updateEvent } from '../events/service.js';
import { createDocument } from '../library/service.js';
import { createNews } from '../news/service.js';
import { ensureSearchIndex } from './reindex.js';
import { clearIndex, indexDocument, SEARCH_SOURCES } from './service.js';

// The index follows changes made through each module's service (and the jobs they queue), without `cluster-hub reindex`.
describeEachDatabase('search index kept in step', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  // Changes to people, organisations and events reach the index through queued jobs, run here first.
  const found = async (q: string) => {
    await t.runJobs();
    return (await t.app.inject(`/api/v1/search?q=${encodeURIComponent(q)}`)).json().results.map((r: { type: string; title: string }) => `${r.type}: ${r.title}`);
  };

  it('indexes an event’s documents when the event is published later, and takes them out when it is unpublished', async () => {
    const draft = { title: 'Closed workshop on lepidolite', type: 'workshop', format: 'online', startsAt: '2030-02-01T09:00:00Z', endsAt: '2030-02-01T12:00:00Z' } as const;
    const eventId = await createEvent(t.app.db, { ...draft, status: 'draft' });
    const storage = localStorage(path.join(t.config.dataDir, 'library'));
    await createDocument(t.app.db, storage, { fields: { title: 'Kvanefjeld flowsheet' }, attachment: { type: 'event', eventId }, externalUrl: 'https://example.org/flowsheet.pdf', userId: null });
    expect(await found('kvanefjeld')).toEqual([]);

    await updateEvent(t.app.db, eventId, { ...draft, status: 'published' });
    expect(await found('kvanefjeld')).toEqual(['document: Kvanefjeld flowsheet']);

    await updateEvent(t.app.db, eventId, { ...draft, status: 'draft' });
    expect(await found('kvanefjeld')).toEqual([]);
  });

  it('indexes people when they are created, changed or deleted, and when they appear in a published programme', async () => {
    const id = await createPerson(t.app.db, { name: 'Ottoline Brakkenfeld', jobTitle: 'Hydrometallurgist' });
    expect(await found('brakkenfeld')).toEqual(['person: Ottoline Brakkenfeld']);
    await updatePerson(t.app.db, id, { name: 'Ottoline Brakkenfeld', jobTitle: 'Flotation engineer' });
    expect(await found('flotation brakkenfeld')).toEqual(['person: Ottoline Brakkenfeld']);
    await deletePerson(t.app.db, id);
    expect(await found('brakkenfeld')).toEqual([]);

    const eventId = await createEvent(t.app.db, {
      title: 'Seminar on sorting',
      type: 'seminar',
      format: 'online',
      startsAt: '2030-03-01T09:00:00Z',
      endsAt: '2030-03-01T12:00:00Z',
      programme: [{ kind: 'talk', title: 'Sensor-based ore sorting', people: [{ name: 'Wendelin Quastwerk', role: 'speaker' }] }],
    });
    const event = await findEventById(t.app.db, eventId);
    await t.runJobs();
    const person = (await t.app.inject('/api/v1/search?q=quastwerk&type=person')).json().results;
    expect(person.map((r: { title: string }) => r.title)).toEqual(['Wendelin Quastwerk']);
    expect(person[0].snippet).toContain('Sensor-based ore sorting');
    expect(person[0].url).toContain(event!.url);

    // Corrected in the directory: the talk, which names its speaker, follows.
    const speakerId = (await t.app.db.selectFrom('people').select('id').where('name', '=', 'Wendelin Quastwerk').executeTakeFirstOrThrow()).id;
    await updatePerson(t.app.db, speakerId, { name: 'Wendelin Quastwerk-Lindqvist' });
    expect(await found('lindqvist')).toEqual(expect.arrayContaining(['person: Wendelin Quastwerk-Lindqvist', 'programme_item: Sensor-based ore sorting']));

    // Deleted in the back office: neither they nor the talk are found by their name any more; the talk still is by its title.
    const { cookie } = await signIn(t.app, { role: 'admin' });
    const csrf = await csrfFor(t.app, cookie);
    const deleted = await t.app.inject({ method: 'POST', url: `/admin/people/${speakerId}/delete`, headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ _csrf: csrf.token }) });
    expect(deleted.statusCode).toBe(303);
    expect(await found('lindqvist')).toEqual([]);
    expect(await found('ore sorting')).toEqual(['programme_item: Sensor-based ore sorting']);
  });

  it('indexes organisations when they become partners, change or leave', async () => {
    const project = (await findProjectBySlug(t.app.db, 'exceed'))!;
    const id = await createOrganisation(t.app.db, { name: 'Fjallbacka Mineral Institute', city: 'Fjällbacka' });
    await addPartner(t.app.db, project.id, id);
    expect(await found('fjallbacka')).toEqual(['organisation: Fjallbacka Mineral Institute']);
    await updateOrganisation(t.app.db, id, { name: 'Fjallbacka Mining Institute', city: 'Fjällbacka' });
    expect(await found('fjallbacka')).toEqual(['organisation: Fjallbacka Mining Institute']);
    await removePartner(t.app.db, project.id, id);
    expect(await found('fjallbacka')).toEqual([]);
    await addPartner(t.app.db, project.id, id);
    await deleteOrganisation(t.app.db, id);
    expect(await found('fjallbacka')).toEqual([]);
  });

  it('indexes a scheduled news post when its publication time comes', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    await createNews(t.app.db, { title: 'Embargoed cassiterite results', bodyMd: 'Soon.', publishedAt: soon });
    expect(await found('cassiterite')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await t.runJobs();
    expect(await found('cassiterite')).toEqual(['news: Embargoed cassiterite results']);
  });
});

describeEachDatabase('start and the search index', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('builds an empty index in full, and leaves a built one alone instead of rebuilding it on every start', async () => {
    await clearIndex(t.app.db); // as migration 0007 leaves it
    expect(await ensureSearchIndex(t.app.db, t.app.contributions.of(SEARCH_SOURCES))).toBeGreaterThan(50);
    expect((await t.app.inject('/api/v1/search?q=Cappuyns&type=person')).json().total).toBe(1);
    // An entry no module would rebuild: a full rebuild would drop it.
    await indexDocument(t.app.db, { kind: 'news', refId: 77_777, url: '/news/kept', title: 'Tailings of Ytterby', body: '' });
    expect(await ensureSearchIndex(t.app.db, t.app.contributions.of(SEARCH_SOURCES))).toBe(0);
    expect((await t.app.inject('/api/v1/search?q=ytterby')).json().total).toBe(1);
  });
});
