import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Feed } from 'feed';
import { h } from 'preact';
import { NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { SITE_NAME } from '../../web/layout.js';
import { idParams } from '../../lib/validation.js';
import { archivePath, scheduleAlertTick } from './jobs.js';
import { confirmParams, preferencesForm, signedParams, subscribeForm, subscribeQuery } from './schema.js';
import { type Choices, confirmSubscription, deleteSubscriber, exportSubscriber, findIssue, followOptions, listSentIssues, requestSubscription, subscriberFromLink, unsubscribe, updateChoices } from './service.js';
import { managePath } from './links.js';
import { ArchiveView, CheckInboxView, ConfirmView, DoneView, IssuePageView, LinkProblemView, PreferencesView, type FollowOptions, SubscribeView, UnsubscribeView } from './views.js';

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
};
