import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Feed } from 'feed';
import { h } from 'preact';
import { NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { authorize } from '../../lib/policy.js';
import { hubTimeZone, zonedToUtc } from '../../lib/time.js';
import { adminPage } from '../../web/admin.js';
import { withFlash } from '../../web/flash.js';
import { SITE_NAME } from '../../web/layout.js';
import { audit } from '../../lib/audit.js';
import { idParams } from '../../lib/validation.js';
import { queueMail } from '../mail/service.js';
import { archivePath, scheduleAlertTick } from './jobs.js';
import { digestMail } from './messages.js';
import { canManageNewsletter } from './policy.js';
import { confirmParams, draftForm, issueForm, preferencesForm, previewQuery, scheduleForm, signedParams, subscribeForm, subscribeQuery, suppressionForm, unsuppressForm } from './schema.js';
import {
  addSuppression,
  type Choices,
  confirmSubscription,
  deleteSubscriber,
  draftIssue,
  editIssue,
  exportSubscriber,
  findIssue,
  findSubscriberByEmail,
  followOptions,
  type Issue,
  IssueStateError,
  itemsFor,
  listIssues,
  listSentIssues,
  listSuppressions,
  removeSuppression,
  requestSubscription,
  scheduleIssue,
  subscriberCounts,
  subscriberFromLink,
  topicProjects,
  unscheduleIssue,
  unsubscribe,
  updateChoices,
} from './service.js';
import { managePath } from './links.js';
import { ArchiveView, CheckInboxView, ConfirmView, DoneView, IssueEditView, IssuePageView, LinkProblemView, NewsletterAdminView, PreferencesView, type FollowOptions, SubscribeView, SuppressionsView, UnsubscribeView } from './views.js';

type Signed = { Params: { id: number; token: string } };

/** Keeps only projects and topics that exist: a forged form cannot make a subscriber follow made-up ids. */
function knownChoices(data: { allNews: boolean; allEvents: boolean; projects: number[]; topics: string[]; frequency: Choices['frequency'] }, options: FollowOptions): Choices {
  const projects = new Set(options.projects.map((p) => p.id));
  const topics = new Set(options.topics.map((t) => t.slug));
  return {
    allNews: data.allNews,
    allEvents: data.allEvents,
    projectIds: data.projects.filter((id) => projects.has(id)),
    topicSlugs: data.topics.filter((slug) => topics.has(slug)),
    frequency: data.frequency,
  };
}

export const newsletterRoutes: FastifyPluginAsync = async (app) => {
  const links = { baseUrl: app.config.baseUrl, secret: app.config.secret };
  app.addHook('onReady', async () => {
    if (app.config.runWorker) await scheduleAlertTick(app.db);
  });

  // ------------------------------------------------------------ subscribing

  app.get<{ Querystring: { project?: string; topic?: string; follow?: 'news' | 'events' } }>('/newsletter/subscribe', { schema: { querystring: subscribeQuery } }, async (request, reply) => {
    const options = await followOptions(app.db);
    const q = request.query;
    const project = options.projects.find((p) => p.slug === q.project);
    const topic = options.topics.find((t) => t.slug === q.topic);
    const values = {
      allNews: q.follow === 'news' || (!project && !topic && !q.follow) ? 'on' : undefined,
      allEvents: q.follow === 'events' || (!project && !topic && !q.follow) ? 'on' : undefined,
      projects: project ? [String(project.id)] : [],
      topics: topic ? [topic.slug] : [],
    };
    return reply.page(h(SubscribeView, { csrf: reply.generateCsrf(), options, values }), { title: 'Subscribe' });
  });

  app.post('/newsletter/subscribe', { preHandler: app.csrfProtection, config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const options = await followOptions(app.db);
    const result = parseForm(subscribeForm, request.body);
    if (!result.ok) {
      return reply.page(h(SubscribeView, { csrf: reply.generateCsrf(), options, values: result.values, errors: result.errors }), { title: 'Subscribe', status: 422 });
    }
    const { email, consent: _consent, ...choices } = result.data;
    await requestSubscription(app.db, links, email, knownChoices(choices, options));
    return reply.page(h(CheckInboxView, { email }), { title: 'Check your inbox' });
  });

  // A GET only shows the button: mail scanners open links, and must not confirm anyone by doing so.
  app.get<{ Params: { id: number; issued: string; token: string } }>('/newsletter/confirm/:id/:issued/:token', { schema: { params: confirmParams } }, async (request, reply) => {
    return reply.page(h(ConfirmView, { action: request.url.split('?')[0] }), { title: 'Confirm your subscription' });
  });

  app.post<{ Params: { id: number; issued: string; token: string } }>('/newsletter/confirm/:id/:issued/:token', { schema: { params: confirmParams } }, async (request, reply) => {
    const { id, issued, token } = request.params;
    const outcome = await confirmSubscription(app.db, app.config.secret, id, issued, token);
    if (!outcome.ok) return reply.page(h(LinkProblemView, { expired: outcome.reason === 'expired' }), { title: 'Link problem', status: outcome.reason === 'expired' ? 410 : 404 });
    return reply.page(
      h(DoneView, { title: 'You are subscribed', message: 'Thank you. Your first mail comes with the next news you follow.', preferences: managePath(app.config.secret, outcome.subscriber) }),
      { title: 'You are subscribed' },
    );
  });

  // ------------------------------------------------------------ the subscriber's own pages (signed links, no account)

  const load = async (params: { id: number; token: string }) => subscriberFromLink(app.db, app.config.secret, params.id, params.token);
  const linkProblem = (reply: FastifyReply) => reply.page(h(LinkProblemView, { expired: false }), { title: 'Link problem', status: 404 });

  app.get<Signed & { Querystring: { done?: string } }>(
    '/newsletter/preferences/:id/:token',
    { schema: { params: signedParams, querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 20 } } } } },
    async (request, reply) => {
      const subscriber = await load(request.params);
      if (!subscriber) return linkProblem(reply);
      reply.header('cache-control', 'no-store');
      return reply.page(h(PreferencesView, { subscriber, csrf: reply.generateCsrf(), options: await followOptions(app.db), base: managePath(app.config.secret, subscriber), saved: request.query.done === 'saved' }), { title: 'Your subscription' });
    },
  );

  app.post<Signed>('/newsletter/preferences/:id/:token', { schema: { params: signedParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const subscriber = await load(request.params);
    if (!subscriber) return linkProblem(reply);
    const options = await followOptions(app.db);
    const base = managePath(app.config.secret, subscriber);
    const result = parseForm(preferencesForm, request.body);
    if (!result.ok) {
      return reply.page(h(PreferencesView, { subscriber, csrf: reply.generateCsrf(), options, base, values: result.values, errors: result.errors }), { title: 'Your subscription', status: 422 });
    }
    await updateChoices(app.db, subscriber.id, knownChoices(result.data, options));
    return reply.redirect(`${base}?done=saved`, 303);
  });

  app.get<Signed>('/newsletter/preferences/:id/:token/export.json', { schema: { params: signedParams } }, async (request, reply) => {
    const subscriber = await load(request.params);
    if (!subscriber) throw new NotFound('This link does not work.');
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="cluster-hub-subscription.json"')
      .send(await exportSubscriber(app.db, subscriber));
  });

  app.post<Signed>('/newsletter/preferences/:id/:token/delete', { schema: { params: signedParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const subscriber = await load(request.params);
    if (!subscriber) return linkProblem(reply);
    await deleteSubscriber(app.db, subscriber);
    return reply.page(h(DoneView, { title: 'Your data is deleted', message: 'We no longer hold your address, your choices or the mails we sent you.' }), { title: 'Data deleted' });
  });

  app.get<Signed>('/newsletter/unsubscribe/:id/:token', { schema: { params: signedParams } }, async (request, reply) => {
    const subscriber = await load(request.params);
    if (!subscriber) return linkProblem(reply);
    return reply.page(h(UnsubscribeView, { action: request.url.split('?')[0], email: subscriber.email }), { title: 'Unsubscribe' });
  });

  /*
   * RFC 8058 one-click unsubscribe: mail clients POST here ("List-Unsubscribe=One-Click") without a session or a
   * form of ours, so there is no CSRF token; the signature in the address is what authorises it, and the worst a
   * forged request can do with a valid link is what its holder could do anyway.
   */
  app.post<Signed>('/newsletter/unsubscribe/:id/:token', { schema: { params: signedParams } }, async (request, reply) => {
    const subscriber = await load(request.params);
    if (!subscriber) return linkProblem(reply);
    await unsubscribe(app.db, subscriber.id);
    return reply.page(
      h(DoneView, { title: 'You are unsubscribed', message: `We will send nothing more to ${subscriber.email}.`, preferences: managePath(app.config.secret, subscriber) }),
      { title: 'Unsubscribed' },
    );
  });

  // ------------------------------------------------------------ archive

  app.get('/newsletter', { config: { publicCache: true } }, async (_request, reply) => reply.page(h(ArchiveView, { issues: await listSentIssues(app.db) }), { title: 'Newsletter archive' }));

  app.get<{ Params: { id: number } }>('/newsletter/issues/:id', { schema: { params: idParams }, config: { publicCache: true } }, async (request, reply) => {
    const issue = await findIssue(app.db, request.params.id);
    if (!issue || issue.status !== 'sent') throw new NotFound('There is no issue at this address.');
    return reply.page(h(IssuePageView, { issue }), { title: issue.subject });
  });

  app.get('/newsletter/archive.xml', { config: { publicCache: true } }, async (_request, reply) => {
    const base = app.config.baseUrl;
    const feed = new Feed({
      title: `${SITE_NAME} newsletter`,
      id: `${base}/newsletter`,
      link: `${base}/newsletter`,
      description: 'Every issue of the Cluster Hub newsletter',
      language: 'en',
      copyright: SITE_NAME,
      feedLinks: { rss: `${base}/newsletter/archive.xml` },
    });
    for (const issue of await listSentIssues(app.db, 50)) {
      feed.addItem({
        title: issue.subject,
        id: `${base}${archivePath(issue.id)}`,
        link: `${base}${archivePath(issue.id)}`,
        description: issue.intro || issue.items.map((i) => i.title).join(' · '),
        date: new Date(issue.sentAt!),
      });
    }
    return reply.type('application/rss+xml; charset=utf-8').send(feed.rss2());
  });

  // ------------------------------------------------------------ back office

  app.get<{ Querystring: { done?: string } }>('/admin/newsletter', { schema: { querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 100 } } } } }, async (request, reply) => {
    authorize(request.user, canManageNewsletter(request.user));
    const [issues, counts] = await Promise.all([listIssues(app.db), subscriberCounts(app.db)]);
    return adminPage(request, reply, 'Newsletter', h(NewsletterAdminView, { issues, counts, csrf: reply.generateCsrf() }));
  });

  app.post('/admin/newsletter/issues', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageNewsletter(request.user));
    const result = parseForm(draftForm, request.body);
    if (!result.ok) throw new NotFound('Choose weekly or monthly.');
    const id = await draftIssue(app.db, result.data.cadence);
    await audit(app.db, { actor: request.user, action: 'draft', subjectType: 'newsletter_issue', subjectId: id, detail: result.data.cadence });
    return reply.redirect(`/admin/newsletter/issues/${id}`, 303);
  });

  const loadIssue = async (id: number): Promise<Issue> => {
    const issue = await findIssue(app.db, id);
    if (!issue) throw new NotFound('There is no such issue.');
    return issue;
  };

  /** The copy a subscriber would get, or null when they would get none. */
  const previewFor = async (issue: Issue, email: string) => {
    const subscriber = await findSubscriberByEmail(app.db, email.trim().toLowerCase());
    if (!subscriber || subscriber.status !== 'confirmed' || subscriber.frequency !== issue.cadence) return null;
    const items = itemsFor(subscriber, issue.items, await topicProjects(app.db));
    if (!items.length) return null;
    return digestMail(links, { subject: issue.subject, intro: issue.intro, items }, subscriber, app.config.baseUrl + archivePath(issue.id));
  };

  const issueTitle = (issue: Issue) => `Issue: ${issue.subject}`;

  app.get<{ Params: { id: number }; Querystring: { as?: string } }>('/admin/newsletter/issues/:id', { schema: { params: idParams, querystring: previewQuery } }, async (request, reply) => {
    authorize(request.user, canManageNewsletter(request.user));
    const issue = await loadIssue(request.params.id);
    const as = request.query.as?.trim();
    const preview = as ? { as, text: (await previewFor(issue, as))?.text ?? null } : undefined;
    return adminPage(request, reply, issueTitle(issue), h(IssueEditView, { issue, csrf: reply.generateCsrf(), preview, timeZone: hubTimeZone() }));
  });

  app.get<{ Params: { id: number }; Querystring: { as?: string } }>('/admin/newsletter/issues/:id/preview.html', { schema: { params: idParams, querystring: previewQuery } }, async (request, reply) => {
    authorize(request.user, canManageNewsletter(request.user));
    const issue = await loadIssue(request.params.id);
    const mail = request.query.as ? await previewFor(issue, request.query.as) : null;
    if (!mail) throw new NotFound('That address gets no copy of this issue.');
    // The mail's own inline styles must apply here; scripts stay off and nothing may frame it.
    return reply
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'none'")
      .type('text/html; charset=utf-8')
      .send(mail.html);
  });

  app.post<{ Params: { id: number } }>('/admin/newsletter/issues/:id', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageNewsletter(request.user));
    const issue = await loadIssue(request.params.id);
    const result = parseForm(issueForm, request.body);
    if (!result.ok) {
      return adminPage(request, reply, issueTitle(issue), h(IssueEditView, { issue, csrf: reply.generateCsrf(), values: result.values, errors: result.errors, timeZone: hubTimeZone() }), { status: 422 });
    }
    const body = request.body as Record<string, unknown>;
    const positions: Record<string, number> = {};
    for (const [key, value] of Object.entries(body)) {
      const n = typeof value === 'string' ? Number(value) : NaN;
      if (key.startsWith('pos-') && Number.isInteger(n) && n >= 0 && n < 1000) positions[key.slice(4)] = n;
    }
    await editIssue(app.db, issue, { ...result.data, positions });
    return reply.redirect(withFlash(`/admin/newsletter/issues/${issue.id}`, 'saved'), 303);
  });

  app.post<{ Params: { id: number } }>('/admin/newsletter/issues/:id/test', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageNewsletter(request.user));
    const issue = await loadIssue(request.params.id);
    // The whole issue, to the admin. Its preference and unsubscribe links name nobody (they lead to the "link does
    // not work" page), so the test copy says so above the intro.
    const intro = `This is a test copy. Its footer links name no subscriber and do not work here; each subscriber's copy carries their own.\n\n${issue.intro}`;
    const mail = digestMail(links, { subject: `[Test] ${issue.subject}`, intro, items: issue.items }, { id: 0, email: request.user.email }, app.config.baseUrl + archivePath(issue.id));
    await queueMail(app.db, mail);
    return reply.redirect(withFlash(`/admin/newsletter/issues/${issue.id}`, 'test-sent'), 303);
  });

  /** Schedules (or sends now); an issue already on its way is left alone and its page says where it stands. */
  const startSending = async (issue: Issue, at: Date, reply: FastifyReply, flash: 'issue-scheduled' | 'issue-sending') => {
    try {
      await scheduleIssue(app.db, issue.id, at);
    } catch (error) {
      if (error instanceof IssueStateError) return reply.redirect(`/admin/newsletter/issues/${issue.id}`, 303);
      throw error;
    }
    return reply.redirect(withFlash(`/admin/newsletter/issues/${issue.id}`, flash), 303);
  };

  app.post<{ Params: { id: number } }>('/admin/newsletter/issues/:id/schedule', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageNewsletter(request.user));
    const issue = await loadIssue(request.params.id);
    const result = parseForm(scheduleForm, request.body);
    const at = result.ok ? new Date(zonedToUtc(result.data.at, hubTimeZone())) : null;
    if (!result.ok || !at || Number.isNaN(at.getTime()) || at.getTime() < Date.now() - 60_000) {
      const errors = result.ok ? { at: 'Choose a time in the future.' } : result.errors;
      return adminPage(request, reply, issueTitle(issue), h(IssueEditView, { issue, csrf: reply.generateCsrf(), errors, timeZone: hubTimeZone() }), { status: 422 });
    }
    await audit(app.db, { actor: request.user, action: 'schedule', subjectType: 'newsletter_issue', subjectId: issue.id, detail: at.toISOString() });
    return startSending(issue, at, reply, 'issue-scheduled');
  });

  app.post<{ Params: { id: number } }>('/admin/newsletter/issues/:id/send', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageNewsletter(request.user));
    const issue = await loadIssue(request.params.id);
    await audit(app.db, { actor: request.user, action: 'send', subjectType: 'newsletter_issue', subjectId: issue.id, detail: issue.subject });
    return startSending(issue, new Date(), reply, 'issue-sending');
  });

  app.post<{ Params: { id: number } }>('/admin/newsletter/issues/:id/unschedule', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageNewsletter(request.user));
    const issue = await loadIssue(request.params.id);
    await unscheduleIssue(app.db, issue.id);
    return reply.redirect(withFlash(`/admin/newsletter/issues/${issue.id}`, 'saved'), 303);
  });

  app.get<{ Querystring: { done?: string } }>('/admin/newsletter/suppressions', { schema: { querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 100 } } } } }, async (request, reply) => {
    authorize(request.user, canManageNewsletter(request.user));
    return adminPage(request, reply, 'Suppression list', h(SuppressionsView, { rows: await listSuppressions(app.db), csrf: reply.generateCsrf() }));
  });

  app.post('/admin/newsletter/suppressions', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageNewsletter(request.user));
    const result = parseForm(suppressionForm, request.body);
    if (!result.ok) {
      return adminPage(request, reply, 'Suppression list', h(SuppressionsView, { rows: await listSuppressions(app.db), csrf: reply.generateCsrf(), values: result.values, errors: result.errors }), { status: 422 });
    }
    await addSuppression(app.db, result.data.email, result.data.reason);
    await audit(app.db, { actor: request.user, action: 'suppress', subjectType: 'newsletter_suppression', subjectId: null, detail: result.data.email });
    return reply.redirect(withFlash('/admin/newsletter/suppressions', 'saved'), 303);
  });

  app.post('/admin/newsletter/suppressions/remove', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageNewsletter(request.user));
    const result = parseForm(unsuppressForm, request.body);
    if (result.ok) {
      await removeSuppression(app.db, result.data.email);
      await audit(app.db, { actor: request.user, action: 'unsuppress', subjectType: 'newsletter_suppression', subjectId: null, detail: result.data.email });
    }
    return reply.redirect(withFlash('/admin/newsletter/suppressions', 'deleted'), 303);
  });
};
