import { idParams, type ListQuery, listQuery } from '../../lib/validation.js';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { withTransaction } from '../../db/index.js';
import { type ComponentChildren, h } from 'preact';
import type { z } from 'zod';
import { NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { authorize, isAdmin, type Actor } from '../../lib/policy.js';
import { acceptUploads, chosenFile, storeImage } from '../../lib/uploads.js';
import { AdminTable, adminPage, ListSearch } from '../../web/admin.js';
import { type FlashKey, withFlash } from '../../web/flash.js';
import { audit } from '../../lib/audit.js';
import { organisationForm, partnerForm, personForm, projectForm } from './admin-schema.js';
import { OrganisationFormView, PersonFormView, ProjectExtrasView, ProjectFormView, projectValues } from './admin-views.js';
import { canCreateProject, canEditProjectProfile, canListProjects, canManageDirectory } from './policy.js';
import {
  addPartner,
  createOrganisation,
  createPerson,
  createProjectFromEditor,
  deleteOrganisation,
  deletePerson,
  ensureOrganisation,
  findOrganisationById,
  findPersonById,
  findProjectById,
  listOrganisationsForAdmin,
  listPartners,
  listPeopleForAdmin,
  listProjects,
  listProjectsForAdmin,
  type Project,
  removePartner,
  setProjectLogo,
  updateOrganisation,
  updatePerson,
  updateProject,
  PERSON_REMOVAL,
  PROJECT_SAVED,
} from './service.js';

type ProjectData = z.infer<typeof projectForm>;

/** Editors cannot change what only the hub decides (membership, year joined). */
function projectInput(data: ProjectData, actor: Actor, current?: Project) {
  const admin = isAdmin(actor);
  return {
    ...data,
    summary: data.summary ?? '',
    descriptionMd: data.descriptionMd ?? '',
    programme: data.programme ?? current?.programme ?? 'HORIZON',
    isMember: admin ? data.isMember : (current?.isMember ?? true),
    joinedYear: admin ? data.joinedYear : (current?.joinedYear ?? null),
  };
}

interface Crud<Row, Data> {
  /** URL segment and audit subject: /admin/<segment>. */
  segment: 'people' | 'organisations';
  subject: string;
  singular: string;
  /** The message shown after adding one. */
  addedFlash: FlashKey;
  plural: string;
  schema: z.ZodType<Data>;
  list: (query: ListQuery) => Promise<{ items: Row[]; total: number; page: number; pageCount: number }>;
  columns: string[];
  row: (item: Row) => ComponentChildren[];
  find: (id: number) => Promise<Row | null>;
  create: (data: Data) => Promise<number>;
  update: (id: number, data: Data) => Promise<void>;
  remove: (id: number) => Promise<void>;
  title: (item: Row) => string;
  values: (item: Row) => Record<string, unknown>;
  form: (props: { csrf: string; action: string; values: Record<string, unknown>; errors: Record<string, string>; item?: Row }) => Promise<ComponentChildren>;
}

/** List, create, edit and delete for a directory table only admins manage (people, organisations). */
function crudRoutes<Row extends { id: number }, Data>(app: FastifyInstance, c: Crud<Row, Data>) {
  const base = `/admin/${c.segment}`;
  const show = async (request: FastifyRequest, reply: FastifyReply, title: string, props: { values: Record<string, unknown>; errors: Record<string, string>; item?: Row }, status?: number) => {
    const csrf = reply.generateCsrf();
    const action = props.item ? `${base}/${props.item.id}` : base;
    return adminPage(request, reply, title, [await c.form({ csrf, action, ...props })], { status });
  };
  const load = async (request: FastifyRequest<{ Params: { id: number } }>) => {
    authorize(request.user, canManageDirectory(request.user));
    const item = await c.find(request.params.id);
    if (!item) throw new NotFound(`There is no such ${c.singular}.`);
    return item;
  };

  app.get<{ Querystring: ListQuery }>(base, { schema: { querystring: listQuery } }, async (request, reply) => {
    authorize(request.user, canManageDirectory(request.user));
    const result = await c.list(request.query);
    return adminPage(
      request,
      reply,
      c.plural,
      [
        h(ListSearch, { action: base, q: request.query.q, label: `Search ${c.plural.toLowerCase()}` }),
        h(AdminTable, { caption: c.plural, one: c.singular, other: c.plural.toLowerCase(), columns: c.columns, rows: result.items.map(c.row), total: result.total, page: result.page, pageCount: result.pageCount, base, params: { q: request.query.q } }),
      ],
      { actions: h('a', { class: 'button', href: `${base}/new` }, `Add ${c.singular}`) },
    );
  });

  app.get(`${base}/new`, async (request, reply) => {
    authorize(request.user, canManageDirectory(request.user));
    return show(request, reply, `Add ${c.singular}`, { values: {}, errors: {} });
  });

  app.post(base, { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageDirectory(request.user));
    const result = parseForm(c.schema, request.body);
    if (!result.ok) return show(request, reply, `Add ${c.singular}`, { values: result.values, errors: result.errors }, 422);
    const id = await c.create(result.data);
    await audit(app.db, { actor: request.user, action: 'create', subjectType: c.subject, subjectId: id });
    return reply.redirect(withFlash(base, c.addedFlash), 303);
  });

  app.get<{ Params: { id: number } }>(`${base}/:id`, { schema: { params: idParams } }, async (request, reply) => {
    const item = await load(request);
    return show(request, reply, c.title(item), { values: c.values(item), errors: {}, item });
  });

  app.post<{ Params: { id: number } }>(`${base}/:id`, { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const item = await load(request);
    const result = parseForm(c.schema, request.body);
    if (!result.ok) return show(request, reply, c.title(item), { values: result.values, errors: result.errors, item }, 422);
    await c.update(item.id, result.data);
    await audit(app.db, { actor: request.user, action: 'update', subjectType: c.subject, subjectId: item.id, detail: c.title(item) });
    return reply.redirect(withFlash(base, 'saved'), 303);
  });

  app.post<{ Params: { id: number } }>(`${base}/:id/delete`, { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const item = await load(request);
    await c.remove(item.id);
    await audit(app.db, { actor: request.user, action: 'delete', subjectType: c.subject, subjectId: item.id, detail: c.title(item) });
    return reply.redirect(withFlash(base, 'deleted'), 303);
  });
}

/** The back office for the directory: project profiles (editors: their own), people and organisations (admins). */
export const directoryAdminRoutes: FastifyPluginAsync = async (app) => {
  await acceptUploads(app);
  // The profile text feeds the synergy engine: related projects and shared topics follow the edit.
  const projectSaved = async (id: number) => {
    for (const hook of app.contributions.of(PROJECT_SAVED)) await hook(app.db, id);
  };

  const loadProject = async (request: FastifyRequest<{ Params: { id: number } }>) => {
    const project = await findProjectById(app.db, request.params.id);
    if (!project) {
      authorize(request.user, canListProjects(request.user));
      throw new NotFound('There is no such project.');
    }
    authorize(request.user, canEditProjectProfile(request.user, project.id));
    return project;
  };

  const showProject = async (
    request: FastifyRequest,
    reply: FastifyReply,
    project: Project,
    extra: { values?: Record<string, unknown>; errors?: Record<string, string>; partnerValues?: Record<string, unknown>; partnerErrors?: Record<string, string>; logoError?: string; status?: number } = {},
  ) => {
    const csrf = reply.generateCsrf();
    const partners = await listPartners(app.db, [project.id]);
    return adminPage(
      request,
      reply,
      `Project: ${project.acronym}`,
      [
        h('p', null, h('a', { href: project.url }, 'View the public profile')),
        h(ProjectFormView, { csrf, action: `/admin/projects/${project.id}`, values: extra.values ?? projectValues(project), errors: extra.errors ?? {}, isAdmin: isAdmin(request.user) }),
        h(ProjectExtrasView, { project, partners, csrf, partnerValues: extra.partnerValues, partnerErrors: extra.partnerErrors, logoError: extra.logoError }),
      ],
      { status: extra.status },
    );
  };

  app.get<{ Querystring: ListQuery }>('/admin/projects', { schema: { querystring: listQuery } }, async (request, reply) => {
    authorize(request.user, canListProjects(request.user));
    const actor = request.user;
    const result = await listProjectsForAdmin(app.db, { ...request.query, ids: isAdmin(actor) ? undefined : actor.projectIds });
    return adminPage(
      request,
      reply,
      'Projects',
      [
        h(ListSearch, { action: '/admin/projects', q: request.query.q, label: 'Search acronyms and titles' }),
        h(AdminTable, {
          caption: 'Projects',
          one: 'project',
          columns: ['Acronym', 'Title', 'Member'],
          rows: result.items.map((p) => [h('a', { href: `/admin/projects/${p.id}` }, p.acronym), p.title, p.isMember ? 'yes' : 'no']),
          total: result.total,
          page: result.page,
          pageCount: result.pageCount,
          base: '/admin/projects',
          params: { q: request.query.q },
        }),
      ],
      { actions: canCreateProject(actor) ? h('a', { class: 'button', href: '/admin/projects/new' }, 'Add a project') : undefined },
    );
  });

  app.get('/admin/projects/new', async (request, reply) => {
    authorize(request.user, canCreateProject(request.user));
    return adminPage(request, reply, 'Add a project', h(ProjectFormView, { csrf: reply.generateCsrf(), action: '/admin/projects', values: { programme: 'HORIZON', isMember: 'on' }, errors: {}, isAdmin: true }));
  });

  app.post('/admin/projects', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canCreateProject(request.user));
    const result = parseForm(projectForm, request.body);
    if (!result.ok) {
      return adminPage(request, reply, 'Add a project', h(ProjectFormView, { csrf: reply.generateCsrf(), action: '/admin/projects', values: result.values, errors: result.errors, isAdmin: true }), { status: 422 });
    }
    const id = await createProjectFromEditor(app.db, projectInput(result.data, request.user));
    await projectSaved(id);
    await audit(app.db, { actor: request.user, action: 'create', subjectType: 'project', subjectId: id, detail: result.data.acronym });
    return reply.redirect(withFlash(`/admin/projects/${id}`, 'project-added'), 303);
  });

  app.get<{ Params: { id: number } }>('/admin/projects/:id', { schema: { params: idParams } }, async (request, reply) => showProject(request, reply, await loadProject(request)));

  app.post<{ Params: { id: number } }>('/admin/projects/:id', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const project = await loadProject(request);
    const result = parseForm(projectForm, request.body);
    if (!result.ok) return showProject(request, reply, project, { values: result.values, errors: result.errors, status: 422 });
    await updateProject(app.db, project.id, projectInput(result.data, request.user!, project));
    await projectSaved(project.id);
    await audit(app.db, { actor: request.user, action: 'update', subjectType: 'project', subjectId: project.id, detail: result.data.acronym });
    return reply.redirect(withFlash(`/admin/projects/${project.id}`, 'profile-saved'), 303);
  });

  app.post<{ Params: { id: number } }>('/admin/projects/:id/logo', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const project = await loadProject(request);
    const file = chosenFile((request.body as Record<string, unknown> | undefined)?.logo);
    if (!file) return showProject(request, reply, project, { logoError: 'Choose an image file.', status: 422 });
    const stored = await storeImage(app.config.dataDir, file, 600);
    if (!stored.ok) return showProject(request, reply, project, { logoError: stored.error, status: 422 });
    await setProjectLogo(app.db, project.id, stored.path);
    await audit(app.db, { actor: request.user, action: 'update', subjectType: 'project', subjectId: project.id, detail: 'logo' });
    return reply.redirect(withFlash(`/admin/projects/${project.id}`, 'logo-saved'), 303);
  });

  app.post<{ Params: { id: number } }>('/admin/projects/:id/partners', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const project = await loadProject(request);
    const result = parseForm(partnerForm, request.body);
    if (!result.ok) return showProject(request, reply, project, { partnerValues: result.values, partnerErrors: result.errors, status: 422 });
    const organisationId = await ensureOrganisation(app.db, result.data);
    await addPartner(app.db, project.id, organisationId, result.data.role);
    await audit(app.db, { actor: request.user, action: 'add-partner', subjectType: 'project', subjectId: project.id, detail: result.data.name });
    return reply.redirect(withFlash(`/admin/projects/${project.id}`, 'partner-added') + '#partners', 303);
  });

  app.post<{ Params: { id: number; organisationId: number } }>(
    '/admin/projects/:id/partners/:organisationId/delete',
    {
      schema: {
        params: { type: 'object', required: ['id', 'organisationId'], properties: { id: idParams.properties.id, organisationId: idParams.properties.id } },
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const project = await loadProject(request);
      await removePartner(app.db, project.id, request.params.organisationId);
      await audit(app.db, { actor: request.user, action: 'remove-partner', subjectType: 'project', subjectId: project.id, detail: `organisation ${request.params.organisationId}` });
      return reply.redirect(withFlash(`/admin/projects/${project.id}`, 'partner-removed') + '#partners', 303);
    },
  );

  crudRoutes(app, {
    segment: 'organisations',
    subject: 'organisation',
    singular: 'organisation',
    addedFlash: 'organisation-added',
    plural: 'Organisations',
    schema: organisationForm,
    list: (query) => listOrganisationsForAdmin(app.db, query),
    columns: ['Name', 'Country', 'Type'],
    row: (o) => [h('a', { href: `/admin/organisations/${o.id}` }, o.name), o.country, o.activityType],
    find: (id) => findOrganisationById(app.db, id),
    create: (data) => createOrganisation(app.db, data),
    update: (id, data) => updateOrganisation(app.db, id, data),
    remove: (id) => deleteOrganisation(app.db, id),
    title: (o) => o.name,
    values: (o) => ({ ...o }),
    form: async (props) => h(OrganisationFormView, { ...props, organisation: props.item }),
  });

  crudRoutes(app, {
    segment: 'people',
    subject: 'person',
    singular: 'person',
    addedFlash: 'person-added',
    plural: 'People',
    schema: personForm,
    list: (query) => listPeopleForAdmin(app.db, query),
    columns: ['Name', 'Affiliation'],
    row: (p) => [h('a', { href: `/admin/people/${p.id}` }, p.name), p.affiliation],
    find: (id) => findPersonById(app.db, id),
    create: (data) => createPerson(app.db, data),
    update: (id, data) => updatePerson(app.db, id, data),
    // Their talks are indexed with their name; the programmes that named them are indexed again without it.
    remove: (id) =>
      withTransaction(app.db, async (trx) => {
        const after = await Promise.all(app.contributions.of(PERSON_REMOVAL).map((hook) => hook(trx, id)));
        await deletePerson(trx, id);
        for (const then of after) await then(trx);
      }),
    title: (p) => p.name,
    values: (p) => ({ ...p, projectId: p.projectId ? String(p.projectId) : '' }),
    form: async (props) => h(PersonFormView, { ...props, projects: await listProjects(app.db), person: props.item }),
  });
};
