import { idParams, type ListQuery, listQuery } from '../../lib/validation.js';
import { withFlash } from '../../web/flash.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { authorize } from '../../lib/policy.js';
import { adminPage, ListSearch } from '../../web/admin.js';
import { audit } from '../../lib/audit.js';
import { canManageRedirects } from './policy.js';
import { redirectForm } from './schema.js';
import { createRedirect, deleteRedirect, findRedirect, listRedirects, type Redirect, redirectIdFor, updateRedirect } from './service.js';
import { RedirectFormView, RedirectsAdminList } from './views.js';

/** The back office for redirects: the WordPress import's and hand-made ones, to add, change and delete. */
export const redirectsAdminRoutes: FastifyPluginAsync = async (app) => {
  const loadRedirect = async (request: FastifyRequest<{ Params: { id: number } }>): Promise<Redirect> => {
    authorize(request.user, canManageRedirects(request.user));
    const redirect = await findRedirect(app.db, request.params.id);
    if (!redirect) throw new NotFound('There is no such redirect.');
    return redirect;
  };

  const showForm = (request: FastifyRequest, reply: FastifyReply, form: { values: Record<string, unknown>; errors: Record<string, string>; redirect?: Redirect; status?: number }) =>
    adminPage(
      request,
      reply,
      form.redirect ? 'Change a redirect' : 'Add a redirect',
      [
        h(RedirectFormView, { csrf: reply.generateCsrf(), action: form.redirect ? `/admin/redirects/${form.redirect.id}` : '/admin/redirects', values: form.values, errors: form.errors, redirect: form.redirect }),
      ],
      { status: form.status },
    );

  /** Validates the form; an old address already redirected elsewhere is a message, not a second row. */
  const readForm = async (request: FastifyRequest, exceptId?: number) => {
    const result = parseForm(redirectForm, request.body);
    if (!result.ok) return result;
    const taken = await redirectIdFor(app.db, result.data.fromPath);
    if (taken && taken !== exceptId) {
      return { ok: false as const, values: request.body as Record<string, unknown>, errors: { fromPath: 'This old address already has a redirect; change that one instead.' } };
    }
    return result;
  };

  app.get<{ Querystring: ListQuery }>('/admin/redirects', { schema: { querystring: listQuery } }, async (request, reply) => {
    authorize(request.user, canManageRedirects(request.user));
    const result = await listRedirects(app.db, request.query);
    return adminPage(
      request,
      reply,
      'Redirects',
      [
        h('p', null, 'Old addresses (from the WordPress site, or pages that moved) that lead visitors and search engines to the new ones.'),
        h(ListSearch, { action: '/admin/redirects', q: request.query.q, label: 'Search addresses' }),
        h(RedirectsAdminList, { ...result, q: request.query.q }),
      ],
      { actions: h('a', { class: 'button', href: '/admin/redirects/new' }, 'Add a redirect') },
    );
  });

  app.get('/admin/redirects/new', async (request, reply) => {
    authorize(request.user, canManageRedirects(request.user));
    return showForm(request, reply, { values: {}, errors: {} });
  });

  app.post('/admin/redirects', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageRedirects(request.user));
    const form = await readForm(request);
    if (!form.ok) return showForm(request, reply, { values: form.values, errors: form.errors, status: 422 });
    const id = await createRedirect(app.db, form.data);
    await audit(app.db, { actor: request.user, action: 'create', subjectType: 'redirect', subjectId: id, detail: `${form.data.fromPath} → ${form.data.toPath}` });
    return reply.redirect(withFlash(`/admin/redirects`, 'redirect-saved'), 303);
  });

  app.get<{ Params: { id: number } }>('/admin/redirects/:id', { schema: { params: idParams } }, async (request, reply) => {
    const redirect = await loadRedirect(request);
    return showForm(request, reply, { values: { fromPath: redirect.fromPath, toPath: redirect.toPath }, errors: {}, redirect });
  });

  app.post<{ Params: { id: number } }>('/admin/redirects/:id', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const redirect = await loadRedirect(request);
    const form = await readForm(request, redirect.id);
    if (!form.ok) return showForm(request, reply, { values: form.values, errors: form.errors, redirect, status: 422 });
    await updateRedirect(app.db, redirect.id, form.data);
    await audit(app.db, { actor: request.user, action: 'update', subjectType: 'redirect', subjectId: redirect.id, detail: `${form.data.fromPath} → ${form.data.toPath}` });
    return reply.redirect(withFlash(`/admin/redirects`, 'redirect-saved'), 303);
  });

  app.post<{ Params: { id: number } }>('/admin/redirects/:id/delete', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const redirect = await loadRedirect(request);
    await deleteRedirect(app.db, redirect.id);
    await audit(app.db, { actor: request.user, action: 'delete', subjectType: 'redirect', subjectId: redirect.id, detail: redirect.fromPath });
    return reply.redirect(withFlash(`/admin/redirects`, 'redirect-deleted'), 303);
  });
};
