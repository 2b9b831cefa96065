import { idParams } from '../../lib/validation.js';
import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { authorize } from '../../lib/policy.js';
import { adminPage } from '../../web/admin.js';
import { withFlash } from '../../web/flash.js';
import { audit } from '../../lib/audit.js';
import { canReviewJoinRequests } from './policy.js';
import { declineForm, joinForm } from './schema.js';
import { approveJoinRequest, declineJoinRequest, findJoinRequest, listJoinRequests, submitJoinRequest } from './service.js';
import { JoinFormView, JoinListView, JoinReviewView, JoinThanksView } from './views.js';

export const membershipRoutes: FastifyPluginAsync = async (app) => {
  app.get('/join', async (_request, reply) => reply.page(h(JoinFormView, { csrf: reply.generateCsrf() }), { title: 'Ask to join' }));

  app.post('/join', { preHandler: app.csrfProtection, config: { rateLimit: { max: 5, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const result = parseForm(joinForm, request.body);
    if (!result.ok) {
      return reply.page(h(JoinFormView, { csrf: reply.generateCsrf(), values: result.values, errors: result.errors }), { title: 'Ask to join', status: 422 });
    }
    const id = await submitJoinRequest(app.db, result.data);
    await audit(app.db, { actor: request.user, action: 'submit', subjectType: 'join_request', subjectId: id, detail: result.data.acronym });
    return reply.page(h(JoinThanksView, { acronym: result.data.acronym }), { title: 'Thank you' });
  });

  app.get<{ Querystring: { done?: string } }>(
    '/admin/join',
    { schema: { querystring: { type: 'object', properties: { done: { type: 'string', maxLength: 100 } } } } },
    async (request, reply) => {
      authorize(request.user, canReviewJoinRequests(request.user));
      return adminPage(request, reply, 'Join requests', h(JoinListView, { requests: await listJoinRequests(app.db) }));
    },
  );

  const load = async (id: number) => {
    const found = await findJoinRequest(app.db, id);
    if (!found) throw new NotFound('There is no such request.');
    return found;
  };

  app.get<{ Params: { id: number } }>('/admin/join/:id', { schema: { params: idParams } }, async (request, reply) => {
    authorize(request.user, canReviewJoinRequests(request.user));
    const joinRequest = await load(request.params.id);
    return adminPage(request, reply, `Request: ${joinRequest.acronym}`, h(JoinReviewView, { request: joinRequest, csrf: reply.generateCsrf() }));
  });

  app.post<{ Params: { id: number } }>('/admin/join/:id/approve', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canReviewJoinRequests(request.user));
    const joinRequest = await load(request.params.id);
    const decision = await approveJoinRequest(app.db, joinRequest.id, request.user, app.config.baseUrl);
    if (!decision.ok) {
      return adminPage(request, reply, `Request: ${joinRequest.acronym}`, h(JoinReviewView, { request: joinRequest, csrf: reply.generateCsrf(), error: decision.error }), { status: 409 });
    }
    await audit(app.db, { actor: request.user, action: 'approve', subjectType: 'join_request', subjectId: joinRequest.id, detail: `${joinRequest.acronym}, project ${decision.projectId}` });
    return reply.redirect(withFlash('/admin/join', 'join-approved'), 303);
  });

  app.post<{ Params: { id: number } }>('/admin/join/:id/decline', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canReviewJoinRequests(request.user));
    const joinRequest = await load(request.params.id);
    const form = parseForm(declineForm, request.body);
    if (!form.ok) {
      return adminPage(request, reply, `Request: ${joinRequest.acronym}`, h(JoinReviewView, { request: joinRequest, csrf: reply.generateCsrf(), error: form.errors.note ?? 'The note is not valid.' }), { status: 422 });
    }
    const decision = await declineJoinRequest(app.db, joinRequest.id, request.user, form.data.note);
    if (!decision.ok) {
      return adminPage(request, reply, `Request: ${joinRequest.acronym}`, h(JoinReviewView, { request: joinRequest, csrf: reply.generateCsrf(), error: decision.error }), { status: 409 });
    }
    await audit(app.db, { actor: request.user, action: 'decline', subjectType: 'join_request', subjectId: joinRequest.id, detail: joinRequest.acronym });
    return reply.redirect(withFlash('/admin/join', 'join-declined'), 303);
  });
};
