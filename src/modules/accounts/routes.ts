import { idParams, type ListQuery, listQuery } from '../../lib/validation.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { h } from 'preact';
import { Gone, NotFound, TooMany } from '../../lib/errors.js';
import { parseForm, safeNext } from '../../lib/forms.js';
import { authorize } from '../../lib/policy.js';
import { adminPage, BACK_OFFICE_HOME, ListSearch } from '../../web/admin.js';
import { withFlash } from '../../web/flash.js';
import { audit } from '../../lib/audit.js';
import { SESSION_COOKIE } from '../../lib/auth.js';
import { findProjectsByIds, listProjects } from '../directory/service.js';
import { canManageUsers, canReadAudit } from './policy.js';
import { emailOnlyForm, inviteForm, newPasswordForm, signInForm, tokenParams, userForm } from './schema.js';
import {
  checkPassword,
  checkToken,
  consumeToken,
  createSession,
  endSession,
  findUserByEmail,
  findUserById,
  inviteUser,
  listAudit,
  listUsers,
  sendMagicLink,
  sendPasswordReset,
  setPassword,
  type TokenCheck,
  updateUser,
} from './service.js';
import { AuditView, CheckMailView, OverviewView, ConfirmLinkView, ForgotView, InviteView, SetPasswordView, SignInView, UserEditView, UsersListView } from './views.js';

/** Per-IP limits on the forms that send mail or guess passwords. */
const SIGN_IN_LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } };
const MAIL_LIMIT = { rateLimit: { max: 5, timeWindow: '1 minute' } };

const LINK_PROBLEMS: Record<Exclude<TokenCheck, { ok: true }>['reason'], string> = {
  unknown: 'This link is not valid. Check that you copied all of it, or ask for a new one.',
  expired: 'This link has expired. Ask for a new one from the sign-in page.',
  used: 'This link has already been used. Each link works only once; ask for a new one from the sign-in page.',
};

/** A used, expired or unknown link answers 410 with what to do next. */
function linkProblem(check: TokenCheck): asserts check is Extract<TokenCheck, { ok: true }> {
  if (!check.ok) throw new Gone(LINK_PROBLEMS[check.reason]);
}

export const accountsRoutes: FastifyPluginAsync = async (app) => {
  const secure = app.config.baseUrl.startsWith('https:');
  const baseUrl = app.config.baseUrl;

  const startSession = async (reply: FastifyReply, userId: number) => {
    const { token, expiresAt } = await createSession(app.db, userId);
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
  };

  app.get<{ Querystring: { next?: string } }>(
    '/sign-in',
    { schema: { querystring: { type: 'object', properties: { next: { type: 'string', maxLength: 500 } } } } },
    async (request, reply) => {
      if (request.user) return reply.redirect(safeNext(request.query.next), 303);
      const next = safeNext(request.query.next, '');
      return reply.page(h(SignInView, { csrf: reply.generateCsrf(), next: next || undefined }), { title: 'Sign in' });
    },
  );

  app.post('/sign-in', { preHandler: app.csrfProtection, config: SIGN_IN_LIMIT }, async (request, reply) => {
    const result = parseForm(signInForm, request.body);
    const next = safeNext((request.body as Record<string, unknown> | undefined)?.next, '');
    if (!result.ok) {
      return reply.page(h(SignInView, { csrf: reply.generateCsrf(), values: result.values, errors: result.errors, next }), { title: 'Sign in', status: 422 });
    }
    const check = await checkPassword(app.db, result.data.email, result.data.password);
    if (check.status === 'locked') {
      throw new TooMany('Too many wrong passwords for this address. Wait 15 minutes, or sign in with a link sent by mail.');
    }
    if (check.status === 'wrong') {
      const errors = { password: 'The e-mail address or the password is not right. Try again, or sign in with a link by mail.' };
      return reply.page(h(SignInView, { csrf: reply.generateCsrf(), values: { email: result.data.email }, errors, next }), { title: 'Sign in', status: 422 });
    }
    await startSession(reply, check.userId);
    await audit(app.db, { actor: { id: check.userId }, action: 'sign-in', subjectType: 'user', subjectId: check.userId, detail: 'password' });
    return reply.redirect(safeNext(next), 303);
  });

  app.post('/sign-in/link', { preHandler: app.csrfProtection, config: MAIL_LIMIT }, async (request, reply) => {
    const result = parseForm(emailOnlyForm, request.body);
    if (!result.ok) {
      return reply.page(h(SignInView, { csrf: reply.generateCsrf(), linkValues: result.values, linkErrors: result.errors }), { title: 'Sign in', status: 422 });
    }
    const user = await findUserByEmail(app.db, result.data.email);
    if (user && !user.disabled) await sendMagicLink(app.db, user, baseUrl);
    return reply.page(h(CheckMailView, { email: result.data.email, what: 'a sign-in link' }), { title: 'Check your mail' });
  });


  // GET only shows a button: mail scanners that follow links must not use the link up.
  app.get<{ Params: { token: string } }>('/auth/link/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    linkProblem(await checkToken(app.db, request.params.token, ['magic']));
    return reply.header('referrer-policy', 'no-referrer').page(h(ConfirmLinkView, { csrf: reply.generateCsrf(), action: `/auth/link/${request.params.token}` }), { title: 'Sign in' });
  });

  app.post<{ Params: { token: string } }>(
    '/auth/link/:token',
    { schema: { params: tokenParams }, preHandler: app.csrfProtection, config: SIGN_IN_LIMIT },
    async (request, reply) => {
      const check = await consumeToken(app.db, request.params.token, ['magic']);
      linkProblem(check);
      const user = await findUserById(app.db, check.userId);
      if (!user || user.disabled) throw new Gone(LINK_PROBLEMS.unknown);
      await startSession(reply, user.id);
      await audit(app.db, { actor: { id: user.id }, action: 'sign-in', subjectType: 'user', subjectId: user.id, detail: 'magic link' });
      return reply.redirect('/admin', 303);
    },
  );

  app.post('/sign-out', { preHandler: app.csrfProtection }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await endSession(app.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  app.get('/password/forgot', async (_request, reply) => reply.page(h(ForgotView, { csrf: reply.generateCsrf() }), { title: 'Reset your password' }));

  app.post('/password/forgot', { preHandler: app.csrfProtection, config: MAIL_LIMIT }, async (request, reply) => {
    const result = parseForm(emailOnlyForm, request.body);
    if (!result.ok) {
      return reply.page(h(ForgotView, { csrf: reply.generateCsrf(), values: result.values, errors: result.errors }), { title: 'Reset your password', status: 422 });
    }
    const user = await findUserByEmail(app.db, result.data.email);
    if (user && !user.disabled) await sendPasswordReset(app.db, user, baseUrl);
    return reply.page(h(CheckMailView, { email: result.data.email, what: 'a link to choose a new password' }), { title: 'Check your mail' });
  });

  app.get<{ Params: { token: string } }>('/auth/password/:token', { schema: { params: tokenParams } }, async (request, reply) => {
    const check = await checkToken(app.db, request.params.token, ['reset', 'invite']);
    linkProblem(check);
    const invite = check.purpose === 'invite';
    return reply
      .header('referrer-policy', 'no-referrer')
      .page(h(SetPasswordView, { csrf: reply.generateCsrf(), action: `/auth/password/${request.params.token}`, invite }), { title: 'Choose a password' });
  });

  app.post<{ Params: { token: string } }>(
    '/auth/password/:token',
    { schema: { params: tokenParams }, preHandler: app.csrfProtection, config: SIGN_IN_LIMIT },
    async (request, reply) => {
      const action = `/auth/password/${request.params.token}`;
      const before = await checkToken(app.db, request.params.token, ['reset', 'invite']);
      linkProblem(before);
      const result = parseForm(newPasswordForm, request.body);
      if (!result.ok) {
        const invite = before.purpose === 'invite';
        return reply.page(h(SetPasswordView, { csrf: reply.generateCsrf(), action, invite, errors: result.errors }), { title: 'Choose a password', status: 422 });
      }
      const check = await consumeToken(app.db, request.params.token, ['reset', 'invite']);
      linkProblem(check);
      await setPassword(app.db, check.userId, result.data.password);
      await startSession(reply, check.userId);
      await audit(app.db, { actor: { id: check.userId }, action: check.purpose === 'invite' ? 'accept-invitation' : 'reset-password', subjectType: 'user', subjectId: check.userId });
      return reply.redirect('/admin', 303);
    },
  );

  app.get('/admin', async (request, reply) => {
    authorize(request.user, true);
    const actor = request.user;
    const widgets = [...app.contributions.of(BACK_OFFICE_HOME)].sort((a, b) => a.order - b.order);
    const [projects, shown] = await Promise.all([findProjectsByIds(app.db, actor.projectIds), Promise.all(widgets.map((widget) => widget.load(app.db, actor)))]);
    const tasks = shown.flatMap((widget) => widget.tasks ?? []);
    const sections = shown.map((widget) => widget.section);
    return adminPage(request, reply, 'Back office', h(OverviewView, { name: actor.name, role: actor.role, projects, tasks, sections }));
  });

  // Back office: accounts, audit log.
  app.get<{ Querystring: ListQuery }>('/admin/users', { schema: { querystring: listQuery } }, async (request, reply) => {
    authorize(request.user, canManageUsers(request.user));
    const result = await listUsers(app.db, request.query);
    return adminPage(request, reply, 'Users', [h(ListSearch, { action: '/admin/users', q: request.query.q, label: 'Search by name or e-mail' }), h(UsersListView, { ...result, q: request.query.q })], {
      actions: h('a', { class: 'button', href: '/admin/users/invite' }, 'Invite someone'),
    });
  });

  app.get('/admin/users/invite', async (request, reply) => {
    authorize(request.user, canManageUsers(request.user));
    const projects = await listProjects(app.db, { members: true });
    return adminPage(request, reply, 'Invite someone', h(InviteView, { csrf: reply.generateCsrf(), projects }));
  });

  app.post('/admin/users/invite', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageUsers(request.user));
    const result = parseForm(inviteForm, request.body);
    if (!result.ok) {
      const projects = await listProjects(app.db, { members: true });
      return adminPage(request, reply, 'Invite someone', h(InviteView, { csrf: reply.generateCsrf(), projects, values: result.values, errors: result.errors }), { status: 422 });
    }
    const actor = request.user;
    const userId = await app.db.transaction().execute((trx) => inviteUser(trx, { ...result.data, invitedBy: actor.name }, baseUrl));
    await audit(app.db, { actor, action: 'invite', subjectType: 'user', subjectId: userId, detail: `${result.data.email} as ${result.data.role}` });
    return reply.redirect(withFlash('/admin/users', 'invitation-sent'), 303);
  });

  app.get<{ Params: { id: number } }>('/admin/users/:id', { schema: { params: idParams } }, async (request, reply) => {
    authorize(request.user, canManageUsers(request.user));
    const user = await findUserById(app.db, request.params.id);
    if (!user) throw new NotFound('There is no such account.');
    const projects = await listProjects(app.db, { members: true });
    return adminPage(request, reply, user.name, h(UserEditView, { csrf: reply.generateCsrf(), user, projects }));
  });

  app.post<{ Params: { id: number } }>('/admin/users/:id', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManageUsers(request.user));
    const user = await findUserById(app.db, request.params.id);
    if (!user) throw new NotFound('There is no such account.');
    const result = parseForm(userForm, request.body);
    const errors = result.ok ? {} : result.errors;
    // An admin cannot lock themselves out by accident.
    if (result.ok && user.id === request.user.id && (result.data.role !== 'admin' || result.data.disabled)) {
      errors.role = 'You cannot remove your own admin role or disable your own account.';
    }
    if (!result.ok || Object.keys(errors).length) {
      const projects = await listProjects(app.db, { members: true });
      const values = result.ok ? (request.body as Record<string, unknown>) : result.values;
      return adminPage(request, reply, user.name, h(UserEditView, { csrf: reply.generateCsrf(), user, projects, values, errors }), { status: 422 });
    }
    await updateUser(app.db, user.id, result.data);
    await audit(app.db, { actor: request.user, action: 'update', subjectType: 'user', subjectId: user.id, detail: `role ${result.data.role}${result.data.disabled ? ', disabled' : ''}` });
    return reply.redirect(withFlash('/admin/users', 'account-saved'), 303);
  });

  app.get<{ Querystring: ListQuery }>('/admin/audit', { schema: { querystring: listQuery } }, async (request, reply) => {
    authorize(request.user, canReadAudit(request.user));
    const result = await listAudit(app.db, request.query);
    return adminPage(request, reply, 'Audit log', [h(ListSearch, { action: '/admin/audit', q: request.query.q, label: 'Search actions, subjects or people' }), h(AuditView, { ...result, q: request.query.q })]);
  });
};
