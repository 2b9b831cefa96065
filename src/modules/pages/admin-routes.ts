import { idParams } from '../../lib/validation.js';
import { withFlash } from '../../web/flash.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { authorize } from '../../lib/policy.js';
import { adminPage } from '../../web/admin.js';
import { audit } from '../../lib/audit.js';
import { saveRedirectForMovedPage } from '../redirects/service.js';
import { PageEditActions, PageFormView, PagesAdminList, pageValues } from './admin-views.js';
import { canManagePages } from './policy.js';
import { refreshSiteLinks } from './routes.js';
import { pageForm } from './schema.js';
import { createPage, deletePage, findPageById, listPagesForAdmin, pageAndDescendantIds, type StaticPage, updatePage } from './service.js';

/** The back office for static pages: list, write, edit, delete. Admins only. */
export const pagesAdminRoutes: FastifyPluginAsync = async (app) => {
  const loadPage = async (request: FastifyRequest<{ Params: { id: number } }>): Promise<StaticPage> => {
    authorize(request.user, canManagePages(request.user));
    const page = await findPageById(app.db, request.params.id);
    if (!page) throw new NotFound('There is no such page.');
    return page;
  };

  const showForm = async (request: FastifyRequest, reply: FastifyReply, form: { values: Record<string, unknown>; errors: Record<string, string>; page?: StaticPage; status?: number }) => {
    const all = await listPagesForAdmin(app.db);
    // A page cannot sit under itself or one of its own descendants.
    const excluded = form.page ? new Set(await pageAndDescendantIds(app.db, form.page.id)) : new Set<number>();
    const csrf = reply.generateCsrf();
    return adminPage(
      request,
      reply,
      form.page ? `Edit page: ${form.page.title}` : 'Write a page',
      [
        form.page ? h(PageEditActions, { page: form.page, csrf }) : null,
        h(PageFormView, { csrf, action: form.page ? `/admin/pages/${form.page.id}` : '/admin/pages', values: form.values, errors: form.errors, parents: all.filter((p) => !excluded.has(p.id)), page: form.page }),
      ],
      { status: form.status },
    );
  };

  const readForm = async (request: FastifyRequest, page?: StaticPage) => {
    const result = parseForm(pageForm, request.body);
    if (!result.ok) return result;
    const { parentId } = result.data;
    if (parentId && (!(await findPageById(app.db, parentId)) || (page && (await pageAndDescendantIds(app.db, page.id)).includes(parentId)))) {
      return { ok: false as const, values: request.body as Record<string, unknown>, errors: { parentId: 'Choose a parent page from the list.' } };
    }
    return result;
  };

  app.get('/admin/pages', async (request, reply) => {
    authorize(request.user, canManagePages(request.user));
    return adminPage(request, reply, 'Pages', [h(PagesAdminList, { pages: await listPagesForAdmin(app.db) })], {
      actions: h('a', { class: 'button', href: '/admin/pages/new' }, 'Write a page'),
    });
  });

  app.get('/admin/pages/new', async (request, reply) => {
    authorize(request.user, canManagePages(request.user));
    return showForm(request, reply, { values: { status: 'draft', navPlacement: 'none', navOrder: '0' }, errors: {} });
  });

  app.post('/admin/pages', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManagePages(request.user));
    const form = await readForm(request);
    if (!form.ok) return showForm(request, reply, { values: form.values, errors: form.errors, status: 422 });
    const id = await createPage(app.db, form.data);
    await audit(app.db, { actor: request.user, action: 'create', subjectType: 'page', subjectId: id, detail: form.data.title });
    await refreshSiteLinks(app);
    return reply.redirect(withFlash(`/admin/pages/${id}`, 'page-saved'), 303);
  });

  app.get<{ Params: { id: number } }>('/admin/pages/:id', { schema: { params: idParams } }, async (request, reply) => {
    const page = await loadPage(request);
    return showForm(request, reply, { values: pageValues(page), errors: {}, page });
  });

  app.post<{ Params: { id: number } }>('/admin/pages/:id', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const page = await loadPage(request);
    const form = await readForm(request, page);
    if (!form.ok) return showForm(request, reply, { values: form.values, errors: form.errors, page, status: 422 });
    await updatePage(app.db, page.id, form.data);
    const saved = await findPageById(app.db, page.id);
    // A page that moved keeps its old address working, like an imported one.
    if (saved && saved.url !== page.url) await saveRedirectForMovedPage(app.db, page.url, saved.url);
    await audit(app.db, { actor: request.user, action: 'update', subjectType: 'page', subjectId: page.id, detail: form.data.title });
    await refreshSiteLinks(app);
    return reply.redirect(withFlash(`/admin/pages/${page.id}`, 'page-saved'), 303);
  });

  app.post<{ Params: { id: number } }>('/admin/pages/:id/delete', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const page = await loadPage(request);
    await deletePage(app.db, page.id);
    await audit(app.db, { actor: request.user, action: 'delete', subjectType: 'page', subjectId: page.id, detail: page.title });
    await refreshSiteLinks(app);
    return reply.redirect(withFlash(`/admin/pages`, 'page-deleted'), 303);
  });
};
