import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { h } from 'preact';
import { NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { authorize } from '../../lib/policy.js';
import { hubTimeZone, zonedToUtc } from '../../lib/time.js';
import { adminPage } from '../../web/admin.js';
import { withFlash } from '../../web/flash.js';
import { audit } from '../../lib/audit.js';
import { idParams } from '../../lib/validation.js';
import { queueMail } from '../mail/service.js';
import { archivePath } from './jobs.js';
import { digestMail } from './messages.js';
import { canManageNewsletter } from './policy.js';
import { draftForm, issueForm, previewQuery, scheduleForm, suppressionForm, unsuppressForm } from './schema.js';
import { addSuppression, draftIssue, editIssue, findIssue, findSubscriberByEmail, type Issue, IssueStateError, itemsFor, listIssues, listSuppressions, removeSuppression, scheduleIssue, subscriberCounts, topicProjects, unscheduleIssue } from './service.js';
import { IssueEditView, NewsletterAdminView, SuppressionsView } from './views.js';

/** The newsletter's back office: issues (draft, edit, preview, test, schedule, send) and the suppression list. */
export const newsletterAdminRoutes: FastifyPluginAsync = async (app) => {
  const links = { baseUrl: app.config.baseUrl, secret: app.config.secret };

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
