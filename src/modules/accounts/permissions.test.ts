import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localStorage } from '../../lib/storage.js';
import { createGallery } from '../library/galleries.js';
import { createDocument } from '../library/service.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFor, describeEachDatabase, form, signIn, type TestApp } from '../../../test/helpers/app.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { addPartner, createOrganisation, createPerson, createProject, ensureOrganisation } from '../directory/service.js';
import { createEventFromEditor } from '../events/service.js';
import { submitJoinRequest } from '../membership/service.js';
import { addQaEntry, addQuestion, createParticipant, createSession as createLiveSession, saveTemplate } from '../live/service.js';
import { createNewsFromEditor } from '../news/service.js';
import { createPage } from '../pages/service.js';
import { createRedirect } from '../redirects/service.js';
import { requestAccess } from '../passports/access.js';
import { createPassport } from '../passports/service.js';
import { SESSION_COOKIE } from '../../lib/auth.js';
import { createSession, createUser } from './service.js';

/**
 * Who may call every mutating route. Each run gets fresh rows owned by project A, so
 * "editorOwn" edits A and "editorOther" is an editor of project B only.
 * A new POST/PUT/PATCH/DELETE route fails this test until it has a row here.
 */
type Role = 'anonymous' | 'member' | 'editorOwn' | 'editorOther' | 'admin';
const ROLES: Role[] = ['anonymous', 'member', 'editorOwn', 'editorOther', 'admin'];
const EVERYONE: Role[] = ROLES;
const EDITORS_OF_A: Role[] = ['editorOwn', 'admin'];
const ANY_EDITOR: Role[] = ['editorOwn', 'editorOther', 'admin'];
const ADMINS: Role[] = ['admin'];
const SIGNED_IN: Role[] = ['member', 'editorOwn', 'editorOther', 'admin'];

interface Fixture {
  projectA: number;
  news: number;
  event: number;
  join: number;
  person: number;
  organisation: number;
  partner: number;
  user: number;
  /** A live session of `event`, with a choice question and a Q&A question holding one entry. */
  live: { id: number; code: string; question: number; qa: number; entry: number; template: number };
  /** A library document (an external link) of project A, and a photo gallery of `event`. */
  document: number;
  gallery: number;
  /** A static page and a hand-made redirect. */
  page: number;
  redirect: number;
  /** A battery passport of project A (its identifier) and a pending access request for it by `user`. */
  passport: string;
  accessRequest: number;
}

interface Row {
  allowed: Role[];
  url: (f: Fixture) => string;
  body?: (f: Fixture) => Record<string, string | string[]>;
}

const newsBody = (f: Fixture) => ({ title: 'Permission test', bodyMd: 'Text.', projectId: String(f.projectA), status: 'draft' });
const eventBody = (f: Fixture) => ({
  title: 'Permission event',
  type: 'webinar',
  format: 'online',
  timezone: 'Europe/Brussels',
  startsAt: '2030-01-01T10:00',
  endsAt: '2030-01-01T11:00',
  status: 'draft',
  projectIds: [String(f.projectA)],
});

const documentBody = (f: Fixture) => ({ title: 'Permission document', attach: `project:${f.projectA}`, url: 'https://example.org/document.pdf' });

export const PERMISSIONS: Record<string, Row> = {
  'POST /sign-in': { allowed: EVERYONE, url: () => '/sign-in', body: () => ({ email: 'x@example.org', password: 'wrong' }) },
  'POST /sign-in/link': { allowed: EVERYONE, url: () => '/sign-in/link', body: () => ({ email: 'x@example.org' }) },
  'POST /sign-out': { allowed: EVERYONE, url: () => '/sign-out' },
  'POST /auth/link/:token': { allowed: EVERYONE, url: () => '/auth/link/unknown-token' },
  'POST /password/forgot': { allowed: EVERYONE, url: () => '/password/forgot', body: () => ({ email: 'x@example.org' }) },
  'POST /auth/password/:token': { allowed: EVERYONE, url: () => '/auth/password/unknown-token' },
  'POST /join': { allowed: EVERYONE, url: () => '/join', body: () => ({ acronym: 'X' }) },
  'POST /admin/users/invite': { allowed: ADMINS, url: () => '/admin/users/invite', body: () => ({ email: 'new@example.org', name: 'New', role: 'member' }) },
  'POST /admin/users/:id': { allowed: ADMINS, url: (f) => `/admin/users/${f.user}`, body: () => ({ name: 'Renamed', role: 'member' }) },
  'POST /admin/news': { allowed: EDITORS_OF_A, url: () => '/admin/news', body: newsBody },
  'POST /admin/news/:id': { allowed: EDITORS_OF_A, url: (f) => `/admin/news/${f.news}`, body: newsBody },
  'POST /admin/news/:id/publish': { allowed: EDITORS_OF_A, url: (f) => `/admin/news/${f.news}/publish` },
  'POST /admin/news/:id/unpublish': { allowed: EDITORS_OF_A, url: (f) => `/admin/news/${f.news}/unpublish` },
  'POST /admin/news/:id/delete': { allowed: EDITORS_OF_A, url: (f) => `/admin/news/${f.news}/delete` },
  'POST /admin/events': { allowed: EDITORS_OF_A, url: () => '/admin/events', body: eventBody },
  'POST /admin/events/:id': { allowed: EDITORS_OF_A, url: (f) => `/admin/events/${f.event}`, body: eventBody },
  'POST /admin/events/:id/delete': { allowed: EDITORS_OF_A, url: (f) => `/admin/events/${f.event}/delete` },
  'POST /admin/projects': { allowed: ADMINS, url: () => '/admin/projects', body: () => ({ acronym: 'NEWP', title: 'New project' }) },
  'POST /admin/projects/:id': { allowed: EDITORS_OF_A, url: (f) => `/admin/projects/${f.projectA}`, body: () => ({ acronym: 'A', title: 'Project A' }) },
  'POST /admin/projects/:id/logo': { allowed: EDITORS_OF_A, url: (f) => `/admin/projects/${f.projectA}/logo` },
  'POST /admin/projects/:id/partners': { allowed: EDITORS_OF_A, url: (f) => `/admin/projects/${f.projectA}/partners`, body: () => ({ name: 'Partner org', role: 'participant' }) },
  'POST /admin/projects/:id/partners/:organisationId/delete': { allowed: EDITORS_OF_A, url: (f) => `/admin/projects/${f.projectA}/partners/${f.partner}/delete` },
  'POST /admin/organisations': { allowed: ADMINS, url: () => '/admin/organisations', body: () => ({ name: 'Org' }) },
  'POST /admin/organisations/:id': { allowed: ADMINS, url: (f) => `/admin/organisations/${f.organisation}`, body: () => ({ name: 'Org' }) },
  'POST /admin/organisations/:id/delete': { allowed: ADMINS, url: (f) => `/admin/organisations/${f.organisation}/delete` },
  'POST /admin/people': { allowed: ADMINS, url: () => '/admin/people', body: () => ({ name: 'Someone' }) },
  'POST /admin/people/:id': { allowed: ADMINS, url: (f) => `/admin/people/${f.person}`, body: () => ({ name: 'Someone' }) },
  'POST /admin/people/:id/delete': { allowed: ADMINS, url: (f) => `/admin/people/${f.person}/delete` },
  'POST /admin/join/:id/approve': { allowed: ADMINS, url: (f) => `/admin/join/${f.join}/approve` },
  'POST /admin/join/:id/decline': { allowed: ADMINS, url: (f) => `/admin/join/${f.join}/decline` },
  // Live sessions. Participants prove themselves with a signed token, not a role: without one every
  // role is refused (the API checks the token before it reads the body). Joining is open to all.
  'POST /live/:code/join': { allowed: EVERYONE, url: (f) => `/live/${f.live.code}/join` },
  'POST /api/live/:code/participants': { allowed: EVERYONE, url: (f) => `/api/live/${f.live.code}/participants` },
  'POST /live/:code/questions/:questionId/answer': { allowed: [], url: (f) => `/live/${f.live.code}/questions/${f.live.question}/answer`, body: () => ({ choice: '0' }) },
  'POST /api/live/:code/questions/:questionId/answer': { allowed: [], url: (f) => `/api/live/${f.live.code}/questions/${f.live.question}/answer`, body: () => ({ choices: '0' }) },
  'POST /live/:code/questions/:questionId/qa': { allowed: [], url: (f) => `/live/${f.live.code}/questions/${f.live.qa}/qa`, body: () => ({ question: 'Why?' }) },
  'POST /live/:code/qa/:entryId/upvote': { allowed: [], url: (f) => `/live/${f.live.code}/qa/${f.live.entry}/upvote` },
  'POST /admin/live': { allowed: EDITORS_OF_A, url: () => '/admin/live', body: (f) => ({ eventId: String(f.event), title: 'Live' }) },
  'POST /admin/live/:id/questions': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/questions`, body: () => ({ type: 'choice', prompt: 'Q', options: 'a\nb' }) },
  'POST /admin/live/:id/questions/:questionId/:action': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/questions/${f.live.question}/open` },
  'POST /admin/live/:id/questions/:questionId/edit': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/questions/${f.live.question}/edit`, body: () => ({ type: 'choice', prompt: 'Q', options: 'a\nb', confirmReset: 'on' }) },
  'POST /admin/live/:id/duplicate': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/duplicate`, body: (f) => ({ eventId: String(f.event) }) },
  'POST /admin/live/:id/next': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/next` },
  'POST /admin/live/:id/back': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/back` },
  'POST /admin/live/:id/forward': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/forward` },
  'POST /admin/live/:id/close': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/close` },
  'POST /admin/live/:id/reopen': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/reopen` },
  'POST /admin/live/:id/open-all': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/open-all` },
  'POST /admin/live/:id/pace': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/pace`, body: () => ({ pace: 'audience' }) },
  'POST /admin/live/:id/template': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/template`, body: () => ({ title: 'Template' }) },
  'POST /admin/live/templates/:templateId/delete': { allowed: ADMINS, url: (f) => `/admin/live/templates/${f.live.template}/delete` },
  'POST /admin/live/:id/questions/:questionId/entries/:answerId/:action': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/questions/${f.live.question}/entries/1/hide` },
  'POST /admin/live/blocked-words': { allowed: ADMINS, url: () => '/admin/live/blocked-words', body: () => ({ words: 'blocked' }) },
  'POST /admin/live/:id/qa/:entryId/:state': { allowed: EDITORS_OF_A, url: (f) => `/admin/live/${f.live.id}/qa/${f.live.entry}/approved` },
  // Members' discussions (synergies): any signed-in person; an unknown topic answers 404 after the check.
  'POST /topics/:slug/posts': { allowed: SIGNED_IN, url: () => '/topics/no-such-topic/posts', body: () => ({ body: 'Hello' }) },
  // Registration: public form and API (no account), self-service by signed link, organisers of the event.
  'POST /events/:slug/register': { allowed: EVERYONE, url: () => '/events/no-such-event/register', body: () => ({ name: 'N', email: 'n@example.org' }) },
  'POST /events/:slug/lost-link': { allowed: EVERYONE, url: () => '/events/no-such-event/lost-link', body: () => ({ email: 'n@example.org' }) },
  'POST /api/v1/events/:slug/registrations': { allowed: EVERYONE, url: () => '/api/v1/events/no-such-event/registrations' },
  'POST /registrations/:rid/:token/answers': { allowed: EVERYONE, url: () => '/registrations/1/forged/answers', body: () => ({ name: 'N' }) },
  'POST /registrations/:rid/:token/mode': { allowed: EVERYONE, url: () => '/registrations/1/forged/mode', body: () => ({ mode: 'online' }) },
  'POST /registrations/:rid/:token/offer': { allowed: EVERYONE, url: () => '/registrations/1/forged/offer', body: () => ({ answer: 'accept' }) },
  'POST /registrations/:rid/:token/cancel': { allowed: EVERYONE, url: () => '/registrations/1/forged/cancel' },
  'POST /registrations/:rid/:token/delete': { allowed: EVERYONE, url: () => '/registrations/1/forged/delete' },
  'POST /admin/events/:id/registration': {
    allowed: EDITORS_OF_A,
    url: (f) => `/admin/events/${f.event}/registration`,
    body: () => ({ privacy_notice: 'Notice', consent_text: 'I agree', retention_days: '30', offer_hours: '48', online_capacity: '10', reminder_hours: '24' }),
  },
  'POST /admin/events/:id/registrations/:rid/decision': { allowed: EDITORS_OF_A, url: (f) => `/admin/events/${f.event}/registrations/999999/decision`, body: () => ({ decision: 'approve' }) },
  'POST /admin/events/:id/registrations/:rid/mode': { allowed: EDITORS_OF_A, url: (f) => `/admin/events/${f.event}/registrations/999999/mode`, body: () => ({ mode: 'online' }) },
  'POST /admin/events/:id/registrations/mail': { allowed: EDITORS_OF_A, url: (f) => `/admin/events/${f.event}/registrations/mail`, body: () => ({ group: 'confirmed', subject: 'S', body: 'B' }) },
  'POST /admin/events/:id/check-in/:rid': { allowed: EDITORS_OF_A, url: (f) => `/admin/events/${f.event}/check-in/999999`, body: () => ({ present: 'yes' }) },
  // Library: editors manage what belongs to their projects and to the events those projects organise.
  'POST /admin/library': { allowed: EDITORS_OF_A, url: () => '/admin/library', body: documentBody },
  'POST /admin/library/:id': { allowed: EDITORS_OF_A, url: (f) => `/admin/library/${f.document}`, body: documentBody },
  'POST /admin/library/:id/versions': { allowed: EDITORS_OF_A, url: (f) => `/admin/library/${f.document}/versions` },
  'POST /admin/library/:id/delete': { allowed: EDITORS_OF_A, url: (f) => `/admin/library/${f.document}/delete` },
  'POST /admin/galleries': { allowed: EDITORS_OF_A, url: () => '/admin/galleries', body: (f) => ({ title: 'Photos', event: String(f.event) }) },
  'POST /admin/galleries/:id/photos': { allowed: EDITORS_OF_A, url: (f) => `/admin/galleries/${f.gallery}/photos`, body: () => ({ alt: 'A photo' }) },
  // Static pages and redirects speak for the whole hub: admins only.
  'POST /admin/pages': { allowed: ADMINS, url: () => '/admin/pages', body: () => ({ title: 'Permission page', bodyMd: 'Text.', status: 'draft', navPlacement: 'none', navOrder: '0' }) },
  'POST /admin/pages/:id': { allowed: ADMINS, url: (f) => `/admin/pages/${f.page}`, body: () => ({ title: 'Permission page', bodyMd: 'Text.', status: 'draft', navPlacement: 'none', navOrder: '0' }) },
  'POST /admin/pages/:id/delete': { allowed: ADMINS, url: (f) => `/admin/pages/${f.page}/delete` },
  'POST /admin/redirects': { allowed: ADMINS, url: () => `/admin/redirects`, body: () => ({ fromPath: `/old-${++sequence}/`, toPath: '/news' }) },
  'POST /admin/redirects/:id': { allowed: ADMINS, url: (f) => `/admin/redirects/${f.redirect}`, body: () => ({ fromPath: `/old-${++sequence}/`, toPath: '/events' }) },
  'POST /admin/redirects/:id/delete': { allowed: ADMINS, url: (f) => `/admin/redirects/${f.redirect}/delete` },
  // Subscribing needs no account; the subscriber's own pages are authorised by the signed link (these are forged: 404).
  'POST /newsletter/subscribe': { allowed: EVERYONE, url: () => '/newsletter/subscribe', body: () => ({ email: `s${++sequence}@example.org`, allNews: 'on', frequency: 'weekly', consent: 'on' }) },
  'POST /newsletter/confirm/:id/:issued/:token': { allowed: EVERYONE, url: () => '/newsletter/confirm/1/abc/forged' },
  'POST /newsletter/preferences/:id/:token': { allowed: EVERYONE, url: () => '/newsletter/preferences/1/forged', body: () => ({ allNews: 'on', frequency: 'weekly' }) },
  'POST /newsletter/preferences/:id/:token/delete': { allowed: EVERYONE, url: () => '/newsletter/preferences/1/forged/delete' },
  'POST /newsletter/unsubscribe/:id/:token': { allowed: EVERYONE, url: () => '/newsletter/unsubscribe/1/forged' },
  // Issues go to every subscriber and the suppression list overrides them: admins only.
  'POST /admin/newsletter/issues': { allowed: ADMINS, url: () => '/admin/newsletter/issues', body: () => ({ cadence: 'weekly' }) },
  'POST /admin/newsletter/issues/:id': { allowed: ADMINS, url: () => '/admin/newsletter/issues/999999', body: () => ({ subject: 'S' }) },
  'POST /admin/newsletter/issues/:id/test': { allowed: ADMINS, url: () => '/admin/newsletter/issues/999999/test' },
  'POST /admin/newsletter/issues/:id/schedule': { allowed: ADMINS, url: () => '/admin/newsletter/issues/999999/schedule', body: () => ({ at: '2030-01-01T09:00' }) },
  'POST /admin/newsletter/issues/:id/send': { allowed: ADMINS, url: () => '/admin/newsletter/issues/999999/send' },
  'POST /admin/newsletter/issues/:id/unschedule': { allowed: ADMINS, url: () => '/admin/newsletter/issues/999999/unschedule' },
  'POST /admin/newsletter/suppressions': { allowed: ADMINS, url: () => '/admin/newsletter/suppressions', body: () => ({ email: 'never@example.org' }) },
  'POST /admin/report/periods': { allowed: ADMINS, url: () => '/admin/report/periods', body: () => ({ name: `Period ${++sequence}`, from: '2026-01-01', to: '2026-06-30' }) },
  'POST /admin/report/periods/:id/delete': { allowed: ADMINS, url: () => '/admin/report/periods/999999/delete' },
  'POST /admin/newsletter/suppressions/remove': { allowed: ADMINS, url: () => '/admin/newsletter/suppressions/remove', body: () => ({ email: 'never@example.org' }) },
  // The owning project's editors keep a passport; anyone else signed in may ask to read its restricted data.
  'POST /passports/:id/access': { allowed: ['member', 'editorOther'], url: (f) => `/passports/${f.passport}/access`, body: () => ({ reason: 'We repair these packs and need the steps.' }) },
  'POST /admin/passports': { allowed: EDITORS_OF_A, url: () => '/admin/passports', body: (f) => ({ model: 'Permission pack', category: 'ev', project: String(f.projectA) }) },
  'POST /admin/passports/import': {
    allowed: EDITORS_OF_A,
    url: () => '/admin/passports/import',
    body: (f) => ({ project: String(f.projectA), json: JSON.stringify({ format: 'cluster-hub-battery-passport/1', identifier: `${f.passport}-copy`, model: 'Copy', category: 'ev' }) }),
  },
  'POST /admin/passports/authorities': { allowed: ADMINS, url: () => '/admin/passports/authorities', body: () => ({ email: 'nobody@example.org', body: 'Market surveillance' }) },
  'POST /admin/passports/authorities/:id/remove': { allowed: ADMINS, url: (f) => `/admin/passports/authorities/${f.user}/remove` },
  'POST /admin/passports/requests/:id': { allowed: EDITORS_OF_A, url: (f) => `/admin/passports/requests/${f.accessRequest}`, body: () => ({ decision: 'refuse' }) },
  'POST /admin/passports/:id/edit/:group': { allowed: EDITORS_OF_A, url: (f) => `/admin/passports/${f.passport}/edit/carbon`, body: () => ({ 'carbon.total': '50' }) },
  'POST /admin/passports/:id/readings': { allowed: EDITORS_OF_A, url: (f) => `/admin/passports/${f.passport}/readings`, body: () => ({ date: '2026-01-01', value: '90' }) },
  'POST /admin/passports/:id/second-life': { allowed: EDITORS_OF_A, url: (f) => `/admin/passports/${f.passport}/second-life`, body: (f) => ({ identifier: `${f.passport}-2`, model: 'Storage', category: 'industrial' }) },
  'POST /admin/passports/:id/recycle': { allowed: EDITORS_OF_A, url: (f) => `/admin/passports/${f.passport}/recycle`, body: () => ({ recycledOn: '2026-01-01', recycler: 'Recycler' }) },
};

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let sequence = 0;
const libraryStorage = localStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-hub-permissions-')));
async function fixture(db: Kysely<Database>, projectA: number): Promise<Fixture> {
  const n = ++sequence;
  const news = await createNewsFromEditor(db, { title: `News ${n}`, bodyMd: 'x', projectId: projectA, status: 'draft' });
  const event = await createEventFromEditor(db, { title: `Event ${n}`, type: 'webinar', format: 'online', startsAt: '2030-01-01T09:00:00Z', endsAt: '2030-01-01T10:00:00Z', status: 'draft', projectIds: [projectA] });
  const join = await submitJoinRequest(db, { acronym: `J${n}`, title: 'Join', grantId: '1000000', contactName: 'C', contactEmail: `c${n}@example.org`, why: 'Because we would like to share results.' });
  const person = await createPerson(db, { name: `Person ${n}` });
  const organisation = await createOrganisation(db, { name: `Organisation ${n}` });
  const partner = await ensureOrganisation(db, { name: `Partner ${n}` });
  await addPartner(db, projectA, partner);
  const user = await createUser(db, { email: `u${n}@example.org`, name: `User ${n}`, role: 'member' });
  const session = await createLiveSession(db, { eventId: event, title: `Live ${n}` });
  const question = await addQuestion(db, session.id, { type: 'choice', prompt: 'Choice', options: ['a', 'b'] });
  const qa = await addQuestion(db, session.id, { type: 'qa', prompt: 'Questions', options: [] });
  const entry = await addQaEntry(db, qa.id, await createParticipant(db, session.id), 'A question');
  // A template nobody in particular saved: only an admin may delete it.
  const template = await saveTemplate(db, session, `Template ${n}`, null);
  const live = { id: session.id, code: session.code, question: question.id, qa: qa.id, entry, template };
  const document = await createDocument(db, libraryStorage, {
    fields: { title: `Document ${n}` },
    attachment: { type: 'project', projectId: projectA },
    externalUrl: 'https://example.org/document.pdf',
    userId: null,
  });
  const gallery = await createGallery(db, { eventId: event, title: `Gallery ${n}`, userId: null });
  const page = await createPage(db, { title: `Page ${n}`, bodyMd: 'x', status: 'draft' });
  const redirect = await createRedirect(db, { fromPath: `/fixture-${n}`, toPath: '/news' });
  const passport = await createPassport(db, { doc: { format: 'cluster-hub-battery-passport/1', identifier: `urn:a:bp:perm-${n}`, model: `Pack ${n}`, category: 'ev' }, projectId: projectA, userId: null });
  await requestAccess(db, passport.id, user, 'A reason long enough to be read.');
  const accessRequest = (await db.selectFrom('passport_access_requests').select('id').where('passport_id', '=', passport.id).executeTakeFirstOrThrow()).id;
  return { projectA, news, event, join, person, organisation, partner, user, live, document, gallery, page, redirect, passport: passport.identifier, accessRequest };
}

describeEachDatabase('permissions', (dialect) => {
  let t: TestApp;
  let projectA: number;
  const users = {} as Record<Role, number | null>;
  // A fresh session per request, so that testing sign-out does not sign the other rows out.
  const sessionOf = async (role: Role) => (users[role] ? `${SESSION_COOKIE}=${(await createSession(t.app.db, users[role])).token}` : '');
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
    projectA = await createProject(t.app.db, { acronym: 'A', title: 'Project A' });
    const projectB = await createProject(t.app.db, { acronym: 'B', title: 'Project B' });
    const signedIn = {
      member: await signIn(t.app, { role: 'member' }),
      editorOwn: await signIn(t.app, { role: 'editor', projectIds: [projectA] }),
      editorOther: await signIn(t.app, { role: 'editor', projectIds: [projectB] }),
      admin: await signIn(t.app, { role: 'admin' }),
    };
    users.anonymous = null;
    for (const [role, { userId }] of Object.entries(signedIn)) users[role as Role] = userId;
  });
  afterAll(async () => t?.close());

  it('has a row for every mutating route, and every row is a real route', () => {
    const registered = t.app.registeredRoutes.filter((r) => MUTATING.has(r.method)).map((r) => `${r.method} ${r.url}`);
    const missing = registered.filter((key) => !(key in PERMISSIONS));
    expect(missing, 'add these routes to PERMISSIONS with who may call them').toEqual([]);
    expect(Object.keys(PERMISSIONS).filter((key) => !registered.includes(key))).toEqual([]);
  });

  let ip = 0;
  for (const [key, row] of Object.entries(PERMISSIONS)) {
    it(`${key}: ${row.allowed.join(', ')}`, async () => {
      const [method] = key.split(' ');
      for (const role of ROLES) {
        const f = await fixture(t.app.db, projectA);
        const csrf = await csrfFor(t.app, await sessionOf(role));
        const response = await t.app.inject({
          method: method as 'POST',
          url: row.url(f),
          headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          remoteAddress: `10.3.${Math.floor(++ip / 250)}.${ip % 250}`,
          payload: form({ ...(row.body?.(f) ?? {}), _csrf: csrf.token }),
        });
        const refused = response.statusCode === 401 || response.statusCode === 403;
        expect(response.statusCode, `${key} as ${role}`).toBeLessThan(500);
        expect(refused ? 'refused' : 'allowed', `${key} as ${role} answered ${response.statusCode}`).toBe(row.allowed.includes(role) ? 'allowed' : 'refused');
      }
    });
  }

  it('keeps every back-office page from visitors and members', async () => {
    const pages = t.app.registeredRoutes.filter((r) => r.method === 'GET' && r.url.startsWith('/admin/') && !r.url.includes(':'));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      const anonymous = await t.app.inject({ url: page.url });
      expect(anonymous.statusCode, `${page.url} for a visitor`).toBe(302);
      expect(anonymous.headers.location).toMatch(/^\/sign-in\?next=/);
      const member = await t.app.inject({ url: page.url, headers: { cookie: await sessionOf('member') } });
      expect(member.statusCode, `${page.url} for a member`).toBe(403);
    }
  });
});

describe('permission table', () => {
  it('lists roles only from the known set', () => {
    for (const row of Object.values(PERMISSIONS)) for (const role of row.allowed) expect(ROLES).toContain(role);
    expect(ANY_EDITOR).toHaveLength(3);
  });
});

const HOSTILE = ['', ' ', '\u0000', 'a\u0000b', '<script>alert(1)</script>', "' or 1=1 --", '%_\\', 'x'.repeat(100_000), '😀'.repeat(50), '9'.repeat(40), '-1', '2024-02-30T25:61'];

describeEachDatabase('hostile form input', (dialect) => {
  let t: TestApp;
  let projectA: number;
  let admin: number;
  beforeAll(async () => {
    t = await createTestApp(dialect, { seeded: false });
    projectA = await createProject(t.app.db, { acronym: 'A', title: 'Project A' });
    admin = (await signIn(t.app, { role: 'admin' })).userId;
  });
  afterAll(async () => t?.close());

  it('never answers 5xx to odd values in any field of any form', { timeout: 300_000 }, async () => {
    let ip = 0;
    const cookie = `${SESSION_COOKIE}=${(await createSession(t.app.db, admin)).token}`;
    const csrf = await csrfFor(t.app, cookie);
    for (const [key, row] of Object.entries(PERMISSIONS)) {
      if (key === 'POST /sign-out') continue;
      const f = await fixture(t.app.db, projectA);
      const fields = Object.keys(row.body?.(f) ?? { value: '' });
      for (const field of fields) {
        for (const value of HOSTILE) {
          const body = { ...(row.body?.(f) ?? {}), [field]: value, _csrf: csrf.token };
          const response = await t.app.inject({
            method: 'POST',
            url: row.url(f),
            headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
            remoteAddress: `10.4.${Math.floor(++ip / 250)}.${ip % 250}`,
            payload: form(body),
          });
          expect(response.statusCode, `${key} with ${field}=${JSON.stringify(value.slice(0, 30))}`).toBeLessThan(500);
        }
        const repeated = await t.app.inject({ method: 'POST', url: row.url(f), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `${field}=a&${field}=b` });
        expect(repeated.statusCode).toBeLessThan(500);
      }
    }
  });

  it('never answers 5xx to odd search text', async () => {
    const cookie = `${SESSION_COOKIE}=${(await createSession(t.app.db, admin)).token}`;
    for (const path of ['/admin/news', '/admin/events', '/admin/users', '/admin/audit', '/admin/projects', '/admin/people', '/admin/organisations', '/admin/pages', '/admin/redirects']) {
      for (const value of HOSTILE.slice(0, 8)) {
        const response = await t.app.inject({ url: `${path}?q=${encodeURIComponent(value.slice(0, 150))}`, headers: { cookie } });
        expect(response.statusCode, `${path}?q=${JSON.stringify(value.slice(0, 20))}`).toBeLessThan(500);
      }
    }
  });
});
