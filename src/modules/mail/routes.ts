import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { NotFound } from '../../lib/errors.js';
import { authorize, isAdmin } from '../../lib/policy.js';
import { pageNumber, idParams } from '../../lib/validation.js';
import { adminPage } from '../../web/admin.js';
import { countMailByStatus, findMail, listMailPage, MAIL_STATUSES } from './service.js';
import { MailListView, MailView } from './views.js';

/** The admin mailbox: what the hub sent, stored or failed to send, with each message's content. */
export const mailRoutes: FastifyPluginAsync = async (app) => {
  app.metrics.addGauge({ name: 'mail_messages', help: 'Messages in the outbox by status (sent, stored, queued, failed)', label: 'status', read: () => countMailByStatus(app.db) });
  app.get<{ Querystring: { page: number; status?: string } }>(
    '/admin/mail',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { page: pageNumber, status: { type: 'string', enum: ['', ...MAIL_STATUSES] } },
        },
      },
    },
    async (request, reply) => {
      authorize(request.user, isAdmin(request.user));
      const status = request.query.status || undefined;
      const page = await listMailPage(app.db, { page: request.query.page, status });
      return adminPage(request, reply, 'Mail', h(MailListView, { ...page, status, smtp: Boolean(app.config.smtpUrl) }));
    },
  );

  app.get<{ Params: { id: number } }>('/admin/mail/:id', { schema: { params: idParams } }, async (request, reply) => {
    authorize(request.user, isAdmin(request.user));
    const message = await findMail(app.db, request.params.id);
    if (!message) throw new NotFound('There is no such message.');
    return adminPage(request, reply, message.subject, h(MailView, { message }));
  });
};
