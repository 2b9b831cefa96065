import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { audit } from '../../lib/audit.js';
import { AppError, BadRequest, NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { type Actor, authorize, isAdmin, projectScope } from '../../lib/policy.js';
import { toSlug } from '../../lib/slug.js';
import { idParams, pageNumber } from '../../lib/validation.js';
import { adminPage } from '../../web/admin.js';
import { withFlash } from '../../web/flash.js';
import { decideRequest, findRequest, grantAuthority, listAuthorities, listRequests, revokeAuthority } from './access.js';
import { AuthoritiesView, GroupFormView, ImportView, NewPassportView, PassportAdminView, PassportsAdminView, VersionDiffView, VersionsView } from './admin-views.js';
import { checkDocument, type PassportDocument, toDocument, toFlat } from './document.js';
import { FIELD_BY_KEY, type Group, GROUP_LABELS, MATERIALS, type Material } from './fields.js';
import { fromBatteryPass, isBatteryPass, toBatteryPass } from './mapping.js';
import { canDecideRequest, canEditPassport, canKeepPassports, canManageAuthorities } from './policy.js';
import { authorityForm, decideForm, exportQuery, groupFromForm, groupParams, importForm, newPassportForm, passportParams, readingForm, recycleForm, secondLifeForm, versionParams } from './schema.js';
import { adminPassportPath, appendReading, createPassport, dataAt, findPassport, listPassports, listVersions, ownerChoices, type Passport, projectAcronym, recyclePassport, startSecondLife, updatePassport } from './service.js';

type ById = { Params: { id: string } };

/** What the person sent, to show again beside the messages. */
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

/** The document of a passport with all its data: what an export, a form's merge and an import start from. */
const fullDocument = (p: Passport): PassportDocument => toDocument({ identifier: p.identifier, model: p.model, category: p.category, demonstrator: p.demonstrator, access: p.access }, p.data);

/** A rule of the service refused the input (a cited passport, a taken identifier): show it beside the field. */
const fieldErrors = (error: unknown): Record<string, string> | null => (error instanceof AppError && error.status < 500 && Object.keys(error.fields).length ? error.fields : null);

/** The back office of battery passports: the owning projects' editors keep them, admins keep the authorities list. */
export const passportAdminRoutes: FastifyPluginAsync = async (app) => {
  const load = async (request: FastifyRequest<ById>): Promise<Passport & { actor: Actor }> => {
    const passport = await findPassport(app.db, request.params.id);
    if (!passport) throw new NotFound('There is no passport with this identifier.');
    authorize(request.user, canEditPassport(request.user, passport));
    return { ...passport, actor: request.user };
  };

  const overview = async (request: FastifyRequest, reply: FastifyReply, passport: Passport, extra: { errors?: Record<string, string>; values?: Record<string, unknown>; status?: number } = {}) =>
    adminPage(
      request,
      reply,
      passport.model,
      h(PassportAdminView, { passport, projectAcronym: await projectAcronym(app.db, passport.projectId), csrf: reply.generateCsrf(), requests: (await listRequests(app.db, [passport.projectId])).filter((r) => r.passportId === passport.id), ...extra }),
      { status: extra.status },
    );

  app.get<{ Querystring: { page: number; done?: string } }>(
    '/admin/passports',
    { schema: { querystring: { type: 'object', properties: { page: pageNumber, done: { type: 'string', maxLength: 60 } } } } },
    async (request, reply) => {
      authorize(request.user, canKeepPassports(request.user));
      const scope = projectScope(request.user);
      const [list, requests] = await Promise.all([listPassports(app.db, { page: request.query.page, projectIds: scope }), listRequests(app.db, scope)]);
      return adminPage(request, reply, 'Battery passports', h(PassportsAdminView, { ...list, page: request.query.page, requests, csrf: reply.generateCsrf(), isAdmin: isAdmin(request.user) }));
    },
  );

  // ------------------------------------------------------------ creating and importing

  const newView = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: Record<string, string>) =>
    adminPage(request, reply, 'New battery passport', h(NewPassportView, { csrf: reply.generateCsrf(), projects: await ownerChoices(app.db, projectScope(request.user!)), values, errors }), { status: errors ? 422 : undefined });

  app.get('/admin/passports/new', async (request, reply) => {
    authorize(request.user, canKeepPassports(request.user));
    return newView(request, reply);
  });

  /** The project must be one the person edits: a forged form cannot give a passport to another project. */
  const ownProject = async (actor: Actor, projectId: number) => {
    const project = (await ownerChoices(app.db, projectScope(actor))).find((p) => p.id === projectId);
    authorize(actor, project !== undefined);
    return project!;
  };

  app.post('/admin/passports', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canKeepPassports(request.user));
    const result = parseForm(newPassportForm, request.body);
    if (!result.ok) return newView(request, reply, body(request), result.errors);
    const project = await ownProject(request.user, result.data.project);
    const identifier = result.data.identifier ?? `urn:${toSlug(project.acronym).slice(0, 32)}:bp:${randomBytes(5).toString('hex')}`;
    try {
      const passport = await createPassport(app.db, {
        doc: { format: 'cluster-hub-battery-passport/1', identifier, model: result.data.model, category: result.data.category, demonstrator: result.data.demonstrator },
        projectId: project.id,
        userId: request.user.id,
      });
      await audit(app.db, { actor: request.user, action: 'passport.create', subjectType: 'passport', subjectId: identifier });
      return reply.redirect(withFlash(`${adminPassportPath(passport.identifier)}/edit/general`, 'passport-saved'), 303);
    } catch (error) {
      const errors = fieldErrors(error);
      if (errors) return newView(request, reply, body(request), errors);
      throw error;
    }
  });

  const importView = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: Record<string, string>) =>
    adminPage(request, reply, 'Import a passport', h(ImportView, { csrf: reply.generateCsrf(), projects: await ownerChoices(app.db, projectScope(request.user!)), values, errors }), { status: errors ? 422 : undefined });

  app.get('/admin/passports/import', async (request, reply) => {
    authorize(request.user, canKeepPassports(request.user));
    return importView(request, reply);
  });

  app.post('/admin/passports/import', { preHandler: app.csrfProtection, bodyLimit: 400_000 }, async (request, reply) => {
    authorize(request.user, canKeepPassports(request.user));
    const result = parseForm(importForm, request.body);
    if (!result.ok) return importView(request, reply, body(request), result.errors);
    const project = await ownProject(request.user, result.data.project);
    let json: unknown;
    try {
      json = JSON.parse(result.data.json);
    } catch {
      return importView(request, reply, body(request), { json: 'This is not valid JSON: check the brackets, quotes and commas.' });
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return importView(request, reply, body(request), { json: 'Paste one passport: a JSON object.' });
    const doc = isBatteryPass(json as Record<string, unknown>) ? fromBatteryPass(json as Record<string, unknown>).doc : json;
    const checked = checkDocument(doc);
    if (!checked.ok) return importView(request, reply, body(request), prefixed(checked.errors));
    try {
      const passport = await createPassport(app.db, { doc: checked.doc, projectId: project.id, userId: request.user.id });
      await audit(app.db, { actor: request.user, action: 'passport.import', subjectType: 'passport', subjectId: passport.identifier });
      return reply.redirect(withFlash(adminPassportPath(passport.identifier), 'passport-saved'), 303);
    } catch (error) {
      const errors = fieldErrors(error);
      if (errors) return importView(request, reply, body(request), prefixed(errors));
      throw error;
    }
  });

  /** Schema messages about the pasted JSON, each naming its data point, all shown at the one JSON field. */
  const prefixed = (errors: Record<string, string>) => ({ json: Object.entries(errors).map(([field, message]) => `${field}: ${message}`).join(' ') });

  // ------------------------------------------------------------ authorities (admins)

  const authoritiesView = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors?: Record<string, string>) =>
    adminPage(request, reply, 'Passport authorities', h(AuthoritiesView, { authorities: await listAuthorities(app.db), csrf: reply.generateCsrf(), values, errors }), { status: errors ? 422 : undefined });

  app.get('/admin/passports/authorities', async (request, reply) => {
    authorize(request.user, canManageAuthorities(request.user));
    return authoritiesView(request, reply);
  });

  app.post('/admin/passports/authorities', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageAuthorities(request.user));
    const result = parseForm(authorityForm, request.body);
    if (!result.ok) return authoritiesView(request, reply, body(request), result.errors);
    try {
      const userId = await grantAuthority(app.db, result.data.email, result.data.body, request.user.id);
      await audit(app.db, { actor: request.user, action: 'passport.authority-granted', subjectType: 'user', subjectId: userId, detail: result.data.body });
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return authoritiesView(request, reply, body(request), { email: error.message });
      throw error;
    }
    return reply.redirect(withFlash('/admin/passports/authorities', 'authority-added'), 303);
  });

  app.post<{ Params: { id: number } }>('/admin/passports/authorities/:id/remove', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageAuthorities(request.user));
    await revokeAuthority(app.db, request.params.id);
    await audit(app.db, { actor: request.user, action: 'passport.authority-revoked', subjectType: 'user', subjectId: request.params.id });
    return reply.redirect(withFlash('/admin/passports/authorities', 'authority-removed'), 303);
  });

  // ------------------------------------------------------------ access requests (the owning project decides)

  app.post<{ Params: { id: number } }>('/admin/passports/requests/:id', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const found = await findRequest(app.db, request.params.id);
    if (!found) throw new NotFound('There is no such request.');
    authorize(request.user, canDecideRequest(request.user, { projectId: found.projectId }));
    const result = parseForm(decideForm, request.body);
    if (!result.ok) throw new BadRequest('Choose to approve or refuse.', result.errors);
    let until: string | null = null;
    if (result.data.decision === 'approve') {
      const date = result.data.until ?? '';
      const end = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T23:59:59Z`) : NaN;
      if (!(end > Date.now()) || end > Date.now() + 3 * 366 * 86_400_000) throw new BadRequest('Choose an end date in the next three years.', { until: 'Choose an end date in the next three years.' });
      until = new Date(end).toISOString();
    }
    await decideRequest(app.db, found, { approve: result.data.decision === 'approve', until }, request.user.id);
    await audit(app.db, { actor: request.user, action: `passport.access-${result.data.decision === 'approve' ? 'approved' : 'refused'}`, subjectType: 'passport', subjectId: found.identifier, detail: `${found.requesterEmail}${until ? ` until ${until}` : ''}` });
    return reply.redirect(withFlash('/admin/passports', result.data.decision === 'approve' ? 'access-approved' : 'access-refused'), 303);
  });

  // ------------------------------------------------------------ one passport

  app.get<ById & { Querystring: { done?: string } }>('/admin/passports/:id', { schema: { params: passportParams } }, async (request, reply) => overview(request, reply, await load(request)));

  type ByGroup = { Params: { id: string; group: Exclude<Group, 'endOfLife'> } };
  const groupView = (request: FastifyRequest<ByGroup>, reply: FastifyReply, passport: Passport, values?: Record<string, unknown>, errors?: Record<string, string>) =>
    adminPage(request, reply, `${GROUP_LABELS[request.params.group]}: ${passport.model}`, h(GroupFormView, { passport, group: request.params.group, csrf: reply.generateCsrf(), values, errors }), { status: errors ? 422 : undefined });

  const groupSchema = { params: groupParams };

  app.get<ByGroup & { Querystring: { done?: string } }>('/admin/passports/:id/edit/:group', { schema: groupSchema }, async (request, reply) => {
    const passport = await load(request);
    if (passport.status !== 'active') return overview(request, reply, passport);
    return groupView(request, reply, passport);
  });

  app.post<ByGroup>('/admin/passports/:id/edit/:group', { schema: groupSchema, preHandler: app.csrfProtection }, async (request, reply) => {
    const passport = await load(request);
    const sent = body(request);
    const group = request.params.group;
    const form = groupFromForm(group, sent);
    // The group's data points are replaced by the form's; the other groups and the readings stay as they are.
    const keep = Object.fromEntries(Object.entries(passport.data).filter(([key]) => FIELD_BY_KEY.get(key)!.group !== group || FIELD_BY_KEY.get(key)!.kind === 'series'));
    const merged = toDocument({ identifier: passport.identifier, model: group === 'general' ? String(sent.model ?? '').trim() : passport.model, category: (group === 'general' ? sent.category : passport.category) as Passport['category'], demonstrator: passport.demonstrator }, keep) as Record<string, unknown>;
    for (const [key, value] of Object.entries(form.values)) {
      const parts = key.split('.');
      let node = merged;
      for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
      node[parts[parts.length - 1]] = value;
    }
    const access = { ...Object.fromEntries(Object.entries(passport.access).filter(([key]) => FIELD_BY_KEY.get(key)?.group !== group)), ...form.access };
    if (Object.keys(access).length) merged.access = access;
    const checked = checkDocument(merged);
    const errors = { ...form.errors, ...(checked.ok ? {} : checked.errors) };
    if (Object.keys(errors).length) return groupView(request, reply, passport, sent, errors);
    try {
      await updatePassport(app.db, passport, { data: toFlat(merged), access, model: merged.model as string, category: merged.category as Passport['category'] }, request.user!.id);
    } catch (error) {
      const fields = fieldErrors(error);
      if (fields) return groupView(request, reply, passport, sent, fields);
      throw error;
    }
    await audit(app.db, { actor: request.user, action: 'passport.update', subjectType: 'passport', subjectId: passport.identifier, detail: group });
    return reply.redirect(withFlash(adminPassportPath(passport.identifier), 'passport-saved'), 303);
  });

  app.post<ById>('/admin/passports/:id/readings', { schema: { params: passportParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const passport = await load(request);
    const result = parseForm(readingForm, request.body);
    if (!result.ok) return overview(request, reply, passport, { errors: result.errors, values: body(request), status: 422 });
    await appendReading(app.db, passport, result.data, passport.actor.id);
    return reply.redirect(withFlash(adminPassportPath(passport.identifier), 'reading-added'), 303);
  });

  app.post<ById>('/admin/passports/:id/second-life', { schema: { params: passportParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const passport = await load(request);
    const result = parseForm(secondLifeForm, request.body);
    if (!result.ok) return overview(request, reply, passport, { errors: result.errors, values: body(request), status: 422 });
    try {
      const successor = await startSecondLife(app.db, passport, { ...result.data, projectId: passport.projectId }, passport.actor.id);
      await audit(app.db, { actor: request.user, action: 'passport.second-life', subjectType: 'passport', subjectId: passport.identifier, detail: successor.identifier });
      return reply.redirect(withFlash(adminPassportPath(successor.identifier), 'second-life-started'), 303);
    } catch (error) {
      const fields = fieldErrors(error);
      if (fields) return overview(request, reply, passport, { errors: fields, values: body(request), status: 422 });
      throw error;
    }
  });

  app.post<ById>('/admin/passports/:id/recycle', { schema: { params: passportParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const passport = await load(request);
    const result = parseForm(recycleForm, request.body);
    if (!result.ok) return overview(request, reply, passport, { errors: result.errors, values: body(request), status: 422 });
    const data = result.data as Record<string, unknown>;
    const recovered: Partial<Record<Material, number>> = {};
    for (const m of MATERIALS) if (typeof data[`recovered.${m}`] === 'number') recovered[m] = data[`recovered.${m}`] as number;
    await recyclePassport(app.db, passport, { recycledOn: result.data.recycledOn, recycler: result.data.recycler, recovered }, passport.actor.id);
    await audit(app.db, { actor: request.user, action: 'passport.recycled', subjectType: 'passport', subjectId: passport.identifier });
    return reply.redirect(withFlash(adminPassportPath(passport.identifier), 'passport-recycled'), 303);
  });

  app.get<ById>('/admin/passports/:id/versions', { schema: { params: passportParams } }, async (request, reply) => {
    const passport = await load(request);
    return adminPage(request, reply, `Versions: ${passport.model}`, h(VersionsView, { passport, versions: await listVersions(app.db, passport.id) }));
  });

  app.get<{ Params: { id: string; version: number } }>('/admin/passports/:id/versions/:version', { schema: { params: versionParams } }, async (request, reply) => {
    const passport = await load(request);
    const versions = await listVersions(app.db, passport.id);
    const version = versions.find((v) => v.version === request.params.version);
    if (!version) throw new NotFound('This passport has no such version.');
    return adminPage(
      request,
      reply,
      `Version ${version.version}: ${passport.model}`,
      h(VersionDiffView, { passport, version, before: dataAt(passport.data, versions, version.version - 1), after: dataAt(passport.data, versions, version.version) }),
    );
  });

  app.get<ById & { Querystring: { format: 'own' | 'batterypass' } }>('/admin/passports/:id/export.json', { schema: { params: passportParams, querystring: exportQuery } }, async (request, reply) => {
    const passport = await load(request);
    const body = request.query.format === 'batterypass' ? toBatteryPass(passport, passport.data) : fullDocument(passport);
    const name = `${passport.identifier.replace(/[^A-Za-z0-9._-]+/g, '-')}${request.query.format === 'batterypass' ? '.batterypass' : ''}.json`;
    return reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(body);
  });

};
