import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { h } from 'preact';
import QRCode from 'qrcode';
import { audit } from '../../lib/audit.js';
import { NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { authorize } from '../../lib/policy.js';
import { pageNumber } from '../../lib/validation.js';
import { findProjectsByIds } from '../directory/service.js';
import { hasInterestGrant, isAuthority, requestAccess, requestsOf } from './access.js';
import { documentValue, passportSchema, toDocument } from './document.js';
import { type Access, FIELD_BY_KEY } from './fields.js';
import { toBatteryPass } from './mapping.js';
import { canEditPassport, canRequestAccess, clearance, levelOf, mayRead, readIsAudited, visibleData } from './policy.js';
import { exportQuery, fieldParams, passportParams, requestForm } from './schema.js';
import { findPassport, lifeEvents, listPassports, type Passport, passportPath, relatedPassports } from './service.js';
import { howToAsk, PassportListView, PassportPageView, RequestAccessView, RestrictedView, STATUS_LABELS, timelineSteps } from './views.js';

type ById = { Params: { id: string } };

/** Public pages and the JSON API of battery passports: what each reader may see, the QR code, asking for access. */
export const passportRoutes: FastifyPluginAsync = async (app) => {
  const load = async (identifier: string): Promise<Passport> => {
    const passport = await findPassport(app.db, identifier);
    if (!passport) throw new NotFound('There is no passport with this identifier.');
    return passport;
  };

  /** The reader's clearance for this passport; the two look-ups only for a signed-in person. */
  const clearanceFor = async (request: FastifyRequest, passport: Passport): Promise<Access> => {
    const actor = request.user;
    if (!actor) return 'public';
    const [authority, interestGranted] = await Promise.all([isAuthority(app.db, actor.id), hasInterestGrant(app.db, actor.id, passport.id)]);
    return clearance(actor, passport, { authority, interestGranted });
  };

  /** Restricted data shown to someone outside the owning project goes to the audit log, field by field. */
  const auditRead = async (request: FastifyRequest, passport: Passport, keys: string[]) => {
    const restricted = keys.filter((key) => levelOf(passport, key) !== 'public');
    if (readIsAudited(request.user, passport, restricted.length)) {
      await audit(app.db, { actor: request.user, action: 'passport.read', subjectType: 'passport', subjectId: passport.identifier, detail: restricted.join(', ') });
    }
  };

  app.get<{ Querystring: { page: number } }>('/passports', { schema: { querystring: { type: 'object', properties: { page: pageNumber } } }, config: { publicCache: true } }, async (request, reply) => {
    const list = await listPassports(app.db, { page: request.query.page });
    return reply.page(h(PassportListView, { ...list, page: request.query.page }), { title: 'Battery passports', description: 'Battery passports of the hub’s member projects: a sandbox for Regulation (EU) 2023/1542.' });
  });

  app.get('/passports/schema.json', { config: { publicCache: true } }, async (_request, reply) => reply.type('application/schema+json').send(passportSchema));

  app.get<ById>('/passports/:id', { schema: { params: passportParams }, config: { publicCache: true } }, async (request, reply) => {
    const passport = await load(request.params.id);
    const granted = await clearanceFor(request, passport);
    const { visible, withheld } = visibleData(passport.data, passport, granted);
    const [project] = await findProjectsByIds(app.db, [passport.projectId]);
    const [events, related] = await Promise.all([lifeEvents(app.db, passport.id), relatedPassports(app.db, passport)]);
    await auditRead(request, passport, Object.keys(visible));
    if (granted !== 'public') reply.header('cache-control', 'private, no-store');
    return reply.page(
      h(PassportPageView, {
        passport,
        projectAcronym: project?.acronym ?? '',
        projectSlug: project?.slug ?? null,
        visible,
        withheld,
        clearance: granted,
        steps: timelineSteps(passport, events, related, visible),
        signedIn: request.user !== null,
        canEdit: canEditPassport(request.user, passport),
      }),
      { title: `${passport.model} · Battery passport`, description: `Battery passport ${passport.identifier}: ${STATUS_LABELS[passport.status]}.` },
    );
  });

  const qrCache = new Map<string, string>();
  app.get<ById>('/passports/:id/qr.svg', { schema: { params: passportParams } }, async (request, reply) => {
    const passport = await load(request.params.id);
    const url = app.config.baseUrl + passportPath(passport.identifier);
    let svg = qrCache.get(url);
    if (!svg) {
      svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      if (qrCache.size > 1000) qrCache.clear();
      qrCache.set(url, svg);
    }
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
  });

  /** One data point, or a 403 saying how to ask for it: the page and the API answer the same rule. */
  const oneField = async (request: FastifyRequest<{ Params: { id: string; field: string } }>) => {
    const passport = await load(request.params.id);
    const field = FIELD_BY_KEY.get(request.params.field);
    if (!field) throw new NotFound('The passport has no data point of this name.');
    const level = levelOf(passport, field.key);
    const allowed = mayRead(await clearanceFor(request, passport), level);
    if (allowed && passport.data[field.key] !== undefined) await auditRead(request, passport, [field.key]);
    return { passport, field, level, allowed };
  };

  app.get<{ Params: { id: string; field: string } }>('/passports/:id/data/:field', { schema: { params: fieldParams } }, async (request, reply) => {
    const { passport, field, level, allowed } = await oneField(request);
    if (!allowed) return reply.page(h(RestrictedView, { identifier: passport.identifier, field: field.key, level, signedIn: request.user !== null }), { title: 'Restricted data', status: 403 });
    return reply.redirect(`${passportPath(passport.identifier)}#group-${field.group}`, 303);
  });

  app.get<{ Params: { id: string; field: string } }>('/api/v1/passports/:id/data/:field', { schema: { params: fieldParams } }, async (request, reply) => {
    const { passport, field, level, allowed } = await oneField(request);
    if (!allowed) {
      return reply.code(403).send({
        error: { code: 'restricted', message: `“${field.label}” is open to ${level === 'interest' ? 'persons with a legitimate interest' : 'authorities'} only.`, fields: { [field.key]: level } },
        access: level,
        howToAsk: howToAsk(passport.identifier, level),
        requestAccess: level === 'interest' ? `${app.config.baseUrl}${passportPath(passport.identifier)}/access` : null,
      });
    }
    const value = passport.data[field.key];
    return { identifier: passport.identifier, field: field.key, access: level, value: value === undefined ? null : documentValue(field, value) };
  });

  app.get<ById & { Querystring: { format: 'own' | 'batterypass' } }>(
    '/api/v1/passports/:id',
    { schema: { params: passportParams, querystring: exportQuery }, config: { publicCache: true } },
    async (request, reply) => {
      const passport = await load(request.params.id);
      const granted = await clearanceFor(request, passport);
      const { visible, withheld } = visibleData(passport.data, passport, granted);
      await auditRead(request, passport, Object.keys(visible));
      if (granted !== 'public') reply.header('cache-control', 'private, no-store');
      const head = { identifier: passport.identifier, model: passport.model, category: passport.category, demonstrator: passport.demonstrator };
      const related = await relatedPassports(app.db, passport);
      return {
        url: app.config.baseUrl + passportPath(passport.identifier),
        status: passport.status,
        version: passport.version,
        updatedAt: passport.updatedAt,
        clearance: granted,
        lifecycle: {
          origin: related.origin?.identifier ?? null,
          successors: related.successors.map((r) => r.identifier),
          recycledContentSource: related.source?.identifier ?? null,
          citedBy: related.citedBy.map((r) => r.identifier),
        },
        passport: request.query.format === 'batterypass' ? toBatteryPass(head, visible) : toDocument(head, visible),
        withheld: withheld.map((w) => ({ field: w.key, access: w.level, howToAsk: howToAsk(passport.identifier, w.level) })),
      };
    },
  );

  // ------------------------------------------------------------ asking for legitimate-interest access

  app.get<ById & { Querystring: { sent?: string } }>(
    '/passports/:id/access',
    { schema: { params: passportParams, querystring: { type: 'object', properties: { sent: { type: 'string', maxLength: 3 } } } } },
    async (request, reply) => {
      const passport = await load(request.params.id);
      authorize(request.user, canRequestAccess(request.user, passport));
      const [project] = await findProjectsByIds(app.db, [passport.projectId]);
      reply.header('cache-control', 'no-store');
      return reply.page(
        h(RequestAccessView, { passport, projectAcronym: project?.acronym ?? '', csrf: reply.generateCsrf(), mine: await requestsOf(app.db, request.user.id, passport.id), sent: request.query.sent === '1' }),
        { title: 'Ask for access' },
      );
    },
  );

  app.post<ById>('/passports/:id/access', { schema: { params: passportParams }, preHandler: app.csrfProtection, config: { rateLimit: { max: 10, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const passport = await load(request.params.id);
    authorize(request.user, canRequestAccess(request.user, passport));
    const result = parseForm(requestForm, request.body);
    if (!result.ok) {
      const [project] = await findProjectsByIds(app.db, [passport.projectId]);
      return reply.page(
        h(RequestAccessView, { passport, projectAcronym: project?.acronym ?? '', csrf: reply.generateCsrf(), mine: await requestsOf(app.db, request.user.id, passport.id), values: result.values, errors: result.errors }),
        { title: 'Ask for access', status: 422 },
      );
    }
    await requestAccess(app.db, passport.id, request.user.id, result.data.reason);
    await audit(app.db, { actor: request.user, action: 'passport.access-requested', subjectType: 'passport', subjectId: passport.identifier });
    return reply.redirect(`${passportPath(passport.identifier)}/access?sent=1`, 303);
  });
};
