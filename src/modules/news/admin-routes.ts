import { idParams, type ListQuery, listQuery } from '../../lib/validation.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { Forbidden, NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { markdownToSafeHtml } from '../../lib/markdown.js';
import { authorize, isAdmin, type Actor } from '../../lib/policy.js';
import { hubTimeZone, utcToZonedInput, zonedToUtc } from '../../lib/time.js';
import { acceptUploads, chosenFile, storeImage } from '../../lib/uploads.js';
import { adminPage, ListSearch } from '../../web/admin.js';
import { type FlashKey, withFlash } from '../../web/flash.js';
import { audit } from '../../lib/audit.js';
import { findProjectById, findProjectsByIds, listProjects, type Project } from '../directory/service.js';
import { NewsEditActions, NewsAdminList, NewsFormView, newsValues } from './admin-views.js';
import { canEditNews, canListNews, canWriteNewsFor } from './policy.js';
import { newsForm } from './schema.js';
import { createNewsFromEditor, deleteNews, findNewsById, listNewsForAdmin, type NewsPost, publishNews, unpublishNews, updateNews } from './service.js';
import { NewsView } from './views.js';

/** The back office for news: list, write, preview, publish, unpublish, delete. */
export const newsAdminRoutes: FastifyPluginAsync = async (app) => {
  await acceptUploads(app);

  const projectsFor = (actor: Actor): Promise<Project[]> =>
    isAdmin(actor) ? listProjects(app.db, { members: true }) : findProjectsByIds(app.db, actor.projectIds);

  const loadPost = async (request: FastifyRequest<{ Params: { id: number } }>): Promise<NewsPost> => {
    const post = await findNewsById(app.db, request.params.id);
    if (!post) {
      authorize(request.user, canListNews(request.user));
      throw new NotFound('There is no such news post.');
    }
    authorize(request.user, canEditNews(request.user, post));
    return post;
  };

  const showForm = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, form: { values: Record<string, unknown>; errors: Record<string, string>; post?: NewsPost; status?: number }) => {
    const projects = await projectsFor(actor);
    const title = form.post ? `Edit: ${form.post.title}` : 'Write a news post';
    const action = form.post ? `/admin/news/${form.post.id}` : '/admin/news';
    const csrf = reply.generateCsrf();
    return adminPage(
      request,
      reply,
      title,
      [
        form.post ? h(NewsEditActions, { post: form.post, csrf }) : null,
        h(NewsFormView, { csrf, action, projects, allowHub: isAdmin(actor), values: form.values, errors: form.errors, post: form.post }),
      ],
      { status: form.status },
    );
  };

  /** Validates the form and the image; stores the image only when everything else is right. */
  const readForm = async (request: FastifyRequest, actor: Actor, post?: NewsPost) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const result = parseForm(newsForm, body);
    if (!result.ok) return { ok: false as const, values: result.values, errors: result.errors };
    const data = result.data;
    // The select offers only permitted projects: anything else is a forged request.
    if (!canWriteNewsFor(actor, data.projectId)) throw new Forbidden('You can write news only for your own projects.');
    const errors: Record<string, string> = {};
    const image = chosenFile(body.image);
    const keepsImage = Boolean(post?.imagePath) && !data.removeImage;
    if ((image || keepsImage) && !data.imageAlt) errors.imageAlt = 'Describe the image for people who cannot see it.';
    let publishedAt: string | null = null;
    if (data.publishAt) {
      try {
        publishedAt = zonedToUtc(data.publishAt, hubTimeZone());
      } catch {
        errors.publishAt = 'Enter a date and time that exists, like 2025-03-01T09:00.';
      }
    } else if (data.status === 'published') {
      publishedAt = post?.status === 'published' && post.publishedAt ? post.publishedAt : new Date().toISOString();
    }
    if (Object.keys(errors).length) return { ok: false as const, values: body, errors };
    let imagePath: string | null | undefined = data.removeImage ? null : undefined;
    if (image) {
      const stored = await storeImage(app.config.dataDir, image);
      if (!stored.ok) return { ok: false as const, values: body, errors: { image: stored.error } };
      imagePath = stored.path;
    }
    return {
      ok: true as const,
      input: {
        title: data.title,
        summary: data.summary ?? '',
        bodyMd: data.bodyMd,
        projectId: data.projectId,
        tags: data.tags,
        imageAlt: data.imageAlt,
        imagePath,
        status: data.status,
        publishedAt: data.status === 'published' ? publishedAt : null,
      },
    };
  };

  app.get<{ Querystring: ListQuery }>('/admin/news', { schema: { querystring: listQuery } }, async (request, reply) => {
    authorize(request.user, canListNews(request.user));
    const actor = request.user;
    const [result, projects] = await Promise.all([
      listNewsForAdmin(app.db, { ...request.query, projectIds: isAdmin(actor) ? undefined : actor.projectIds }),
      listProjects(app.db),
    ]);
    return adminPage(
      request,
      reply,
      'News',
      [
        h(ListSearch, { action: '/admin/news', q: request.query.q, label: 'Search titles' }),
        h(NewsAdminList, { ...result, projects: new Map(projects.map((p) => [p.id, p])), q: request.query.q }),
      ],
      { actions: h('a', { class: 'button', href: '/admin/news/new' }, 'Write a post') },
    );
  });

  app.get('/admin/news/new', async (request, reply) => {
    authorize(request.user, canListNews(request.user));
    const projects = await projectsFor(request.user);
    return showForm(request, reply, request.user, { values: { status: 'draft', projectId: isAdmin(request.user) ? '' : String(projects[0]?.id ?? '') }, errors: {} });
  });

  app.post('/admin/news', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canListNews(request.user));
    const actor = request.user;
    const form = await readForm(request, actor);
    if (!form.ok) return showForm(request, reply, actor, { values: form.values, errors: form.errors, status: 422 });
    const id = await createNewsFromEditor(app.db, { ...form.input, imagePath: form.input.imagePath ?? null, authorId: actor.id });
    await audit(app.db, { actor, action: 'create', subjectType: 'news', subjectId: id, detail: form.input.title });
    return reply.redirect(withFlash(`/admin/news/${id}`, 'post-saved'), 303);
  });

  app.get<{ Params: { id: number } }>('/admin/news/:id', { schema: { params: idParams } }, async (request, reply) => {
    const post = await loadPost(request);
    const local = post.publishedAt && post.publishedAt > new Date().toISOString() ? utcToZonedInput(post.publishedAt, hubTimeZone()) : '';
    return showForm(request, reply, request.user!, { values: newsValues(post, local), errors: {}, post });
  });

  app.post<{ Params: { id: number } }>('/admin/news/:id', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const post = await loadPost(request);
    const actor = request.user!;
    const form = await readForm(request, actor, post);
    if (!form.ok) return showForm(request, reply, actor, { values: form.values, errors: form.errors, post, status: 422 });
    await updateNews(app.db, post.id, form.input);
    await audit(app.db, { actor, action: 'update', subjectType: 'news', subjectId: post.id, detail: form.input.title });
    return reply.redirect(withFlash(`/admin/news/${post.id}`, 'post-saved'), 303);
  });

  app.get<{ Params: { id: number } }>('/admin/news/:id/preview', { schema: { params: idParams } }, async (request, reply) => {
    const post = await loadPost(request);
    const project = post.projectId ? await findProjectById(app.db, post.projectId) : null;
    return reply.page(
      h('div', null, [
        h('div', { class: 'container narrow' }, h('p', { class: 'notice warning', role: 'status' }, ['Preview: this is how the post will look. ', h('a', { href: `/admin/news/${post.id}` }, 'Back to editing')])),
        h(NewsView, { post, bodyHtml: markdownToSafeHtml(post.bodyMd), project }),
      ]),
      { title: `Preview: ${post.title}` },
    );
  });

  const transition = (path: string, action: string, done: FlashKey, act: (id: number) => Promise<void>) =>
    app.post<{ Params: { id: number } }>(`/admin/news/:id/${path}`, { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
      const post = await loadPost(request);
      await act(post.id);
      await audit(app.db, { actor: request.user, action, subjectType: 'news', subjectId: post.id, detail: post.title });
      const to = action === 'delete' ? '/admin/news' : `/admin/news/${post.id}`;
      return reply.redirect(withFlash(to, done), 303);
    });
  transition('publish', 'publish', 'post-published', (id) => publishNews(app.db, id));
  transition('unpublish', 'unpublish', 'post-unpublished', (id) => unpublishNews(app.db, id));
  transition('delete', 'delete', 'post-deleted', (id) => deleteNews(app.db, id));
};
