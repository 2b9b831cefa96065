import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../../test/helpers/app.js';
import { findProjectBySlug } from '../directory/service.js';
import { createNews } from '../news/service.js';
import { formatQuery, parseQuery, toFts5Match, toPostgresQuery } from './query.js';
import { reindexAll } from './reindex.js';
import { editDistance, indexDocument, removeDocument, SEARCH_SOURCES, segments } from './service.js';

describe('query parsing', () => {
  it('keeps only words, quotes them and supports phrases, prefixes and exclusions', () => {
    const q = parseQuery('lithium "direct extraction" batter* -cobalt');
    expect(toFts5Match(q)).toBe('("lithium" "direct extraction" "batter"*) NOT ("cobalt")');
    expect(toPostgresQuery(q)).toEqual({ websearch: 'lithium "direct extraction" -cobalt', prefix: '(batter:*)' });
    expect(formatQuery(q)).toBe('lithium "direct extraction" batter* -cobalt');
  });

  it('never lets syntax through, whatever is typed', () => {
    expect(toFts5Match(parseQuery('"unbalanced quote'))).toBe('"unbalanced quote"');
    expect(parseQuery('AND OR NOT').include).toEqual([]);
    expect(toFts5Match(parseQuery('title:x NEAR(a b) ^c {d} a"b'))).toBe('"title x" "near a" "b" "c" "d" "a" "b"');
    const long = parseQuery('lithium '.repeat(2000));
    expect(long.include.length).toBe(12);
    expect(long.notice).toMatch(/first 500 characters/);
  });

  it('measures edit distance with an early exit', () => {
    expect(editDistance('lithum', 'lithium', 2)).toBe(1);
    expect(editDistance('cobalt', 'nickel', 2)).toBe(3);
  });

  it('splits marked text into segments without interpreting markup', () => {
    expect(segments('a \uE000<b>\uE001 c')).toEqual([{ text: 'a ', match: false }, { text: '<b>', match: true }, { text: ' c', match: false }]);
  });
});

describeEachDatabase('search', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await createNews(t.app.db, { title: 'Lithium <script>alert(1)</script> from Zeolithia brines', bodyMd: 'Direct lithium extraction pilots in the Upper Rhine valley.', publishedAt: '2025-03-01T00:00:00Z' });
    await createNews(t.app.db, { title: 'Older lithium refinery note', bodyMd: 'A refinery for lithium hydroxide.', publishedAt: '2019-03-01T00:00:00Z' });
    await reindexAll(t.app.db, t.app.contributions.of(SEARCH_SOURCES));
  });
  afterAll(async () => t?.close());

  const api = (query: string) => t.app.inject(`/api/v1/search?${query}`);

  it('finds events, programme items and speakers from the seeded content', async () => {
    const event = (await api('q=capacity+building+seminar')).json();
    expect(event.results.some((r: { url: string }) => r.url === '/events/exceed-capacity-building-seminar-2024')).toBe(true);
    const speaker = (await api('q=Cappuyns')).json();
    expect(speaker.results.map((r: { type: string }) => r.type)).toEqual(expect.arrayContaining(['programme_item', 'person']));
    const project = (await api('q=EXCEED&type=project')).json();
    expect(project.results[0].url).toBe('/projects/exceed');
  });

  it('highlights matches in escaped HTML', async () => {
    const page = await t.app.inject('/search?q=lithium');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(page.body).toMatch(/<mark>Lithium<\/mark>/i);
  });

  it('ranks by relevance and recency, supports phrases, prefixes, exclusions and filters', async () => {
    const results = (await api('q=lithium+brines&type=news')).json().results;
    expect(results[0].title).toContain('Zeolithia');
    expect((await api('q=%22lithium+hydroxide%22&type=news')).json().results[0].title).toContain('refinery');
    await indexDocument(t.app.db, { kind: 'news', refId: 501, url: '/news/old', title: 'Kaolinite tailings', body: 'kaolinite', date: '2016-01-01' });
    await indexDocument(t.app.db, { kind: 'news', refId: 502, url: '/news/new', title: 'Kaolinite tailings', body: 'kaolinite', date: '2025-06-01' });
    expect((await api('q=kaolinite')).json().results.map((r: { url: string }) => r.url)).toEqual(['/news/new', '/news/old']);
    expect((await api('q=zeolith*')).json().total).toBe(1);
    expect((await api('q=k_news+y_2025')).json().total).toBe(0);
    expect((await api('q=zeolithia+-brines')).json().total).toBe(0);
    expect((await api('q=lithium+refinery+-zeolithia&type=news')).json().results[0].title).toContain('refinery');
    expect((await api('q=lithium&year=2019&type=news')).json().total).toBe(1);
  });

  it('finds a phrase only where its words stand together, in that order', async () => {
    const docs = [
      ['Cryolite flux notes', 'The cryolite flux lowers the melting point.'],
      ['Flux and cryolite', 'A flux is not cryolite; cryolite is a mineral used as a flux.'],
      ['Supply of cryolite', 'The supply of cryolite from Greenland ended in 1987.'],
      ['Bauxite cryolite flux', 'Greenland cryolite flux trials.'],
    ];
    for (const [i, [title, body]] of docs.entries()) await indexDocument(t.app.db, { kind: 'news', refId: 700 + i, url: `/news/phrase-${i}`, title, body });
    const urls = async (q: string) => (await api(`q=${encodeURIComponent(q)}`)).json().results.map((r: { url: string }) => r.url).sort();
    expect(await urls('"cryolite flux"')).toEqual(['/news/phrase-0', '/news/phrase-3']);
    expect(await urls('"flux cryolite"')).toEqual([]);
    expect(await urls('"supply of cryolite"')).toEqual(['/news/phrase-2']);
    expect(await urls('"greenland cryolite flux"')).toEqual(['/news/phrase-3']);
    expect(await urls('"cryolite fl*"')).toEqual(['/news/phrase-0', '/news/phrase-3']);
    expect(await urls('"cryolite flux" melting')).toEqual(['/news/phrase-0']);
    expect(await urls('"cryolite flux" -bauxite')).toEqual(['/news/phrase-0']);
    expect((await api('q=%22cryolite+flux%22&type=news')).json().total).toBe(2);
  });

  it('narrows to one project, and refuses a project that does not exist', async () => {
    const exceed = (await findProjectBySlug(t.app.db, 'exceed'))!;
    await indexDocument(t.app.db, { kind: 'news', refId: 601, url: '/news/ours', title: 'Spodumene roasting trial', body: 'kiln', date: '2024-01-01', projectId: exceed.id });
    await indexDocument(t.app.db, { kind: 'news', refId: 602, url: '/news/theirs', title: 'Spodumene roasting trial', body: 'kiln', date: '2024-01-02' });
    expect((await api('q=spodumene+roasting')).json().total).toBe(2);
    expect((await api('q=spodumene+roasting&project=exceed')).json().results.map((r: { url: string }) => r.url)).toEqual(['/news/ours']);
    const page = await t.app.inject('/search?q=spodumene+roasting&project=exceed');
    expect(page.body).toContain('<option value="exceed" selected');
    expect(page.body).toContain('1 result<');
    expect((await t.app.inject('/search?q=spodumene+roasting')).body).toContain('2 results<');
    expect((await t.app.inject('/search?q=spodumene+roasting&year=2001')).body).toContain('Nothing found for “spodumene roasting” with these filters.');
    expect((await api('q=spodumene&project=no-such-project')).statusCode).toBe(400);
    expect((await api('q=spodumene&project=..%2Fetc')).statusCode).toBe(400);
  });

  it('offers "did you mean" when nothing is found', async () => {
    const body = (await api('q=lithum')).json();
    expect(body.total).toBe(0);
    expect(body.suggestion).toBe('lithium');
    const page = await t.app.inject('/search?q=lithum');
    expect(page.body).toContain('Did you mean');
    expect(page.body).toContain('Nothing found for “lithum”.');
  });

  it('keeps the index in step through indexDocument and removeDocument', async () => {
    await indexDocument(t.app.db, { kind: 'news', refId: 999, url: '/news/x', title: 'Petalite concentrate', body: '' });
    expect((await api('q=petalite')).json().total).toBe(1);
    await indexDocument(t.app.db, { kind: 'news', refId: 999, url: '/news/x', title: 'Renamed', body: '' });
    expect((await api('q=petalite')).json().total).toBe(0);
    await removeDocument(t.app.db, 'news', 999);
    expect((await api('q=renamed')).json().total).toBe(0);
  });

  it('answers hostile queries with results or a message, never a 5xx', async () => {
    const hostile = ['"unbalanced', 'AND', 'OR NOT', '-', '-cobalt', '***', '*', '")(*&^%$#@!', 'NEAR(a b, 2)', 'title:lithium', '^lithium', "'; drop table search_documents; --",  '\uE000x\uE001', 'x'.repeat(10_000), 'lithium '.repeat(1200)];
    for (const q of hostile) {
      for (const url of [`/search?q=${encodeURIComponent(q)}`, `/api/v1/search?q=${encodeURIComponent(q)}`]) {
        const response = await t.app.inject(url);
        expect(response.statusCode, `${url.slice(0, 80)}`).toBe(200);
      }
    }
    expect((await t.app.inject('/search?q=%00x')).statusCode).toBeLessThan(500);
    expect((await api('q=-cobalt')).json().notice).toMatch(/at least one word/);
    expect((await t.app.inject(`/search?q=${'x'.repeat(10_001)}`)).statusCode).toBe(400);
    expect((await api('q=lithium&type=nope')).statusCode).toBe(400);
    expect((await api('q=lithium&page=0')).statusCode).toBe(400);
  });

  it('pages results and documents the API', async () => {
    for (let i = 0; i < 25; i++) await indexDocument(t.app.db, { kind: 'document', refId: 10_000 + i, url: `/library/${i}`, title: `Spodumene sample ${i}`, body: 'spodumene '.repeat(i + 1) });
    const first = (await api('q=spodumene&type=document')).json();
    expect(first.total).toBe(25);
    expect(first.pageCount).toBe(3);
    const third = (await api('q=spodumene&type=document&page=3')).json();
    expect(third.results.length).toBe(5);
    const spec = (await t.app.inject('/api/openapi.json')).json();
    expect(spec.paths['/api/v1/search'].get.tags).toContain('search');
  });
});
