import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { audit } from '../../lib/audit.js';
import { toCsv } from '../../lib/csv.js';
import { NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { type Actor, authorize, projectScope } from '../../lib/policy.js';
import { idParams } from '../../lib/validation.js';
import { adminPage } from '../../web/admin.js';
import { withFlash } from '../../web/flash.js';
import { findProjectsByIds } from '../directory/service.js';
import { type Period, presets, resolvePeriod } from './period.js';
import { canManagePeriods, canSeeReport } from './policy.js';
import { cellText } from './privacy.js';
import { csvParams, periodForm, reportQuery } from './schema.js';
import { addReportingPeriod, deleteReportingPeriod, listReportingPeriods, reportFor } from './service.js';
import { PeriodsView, ReportView } from './views.js';

type ReportQuery = { from?: string; to?: string; preset?: string };

/** /admin/report (admins: the hub; editors: their projects' events), its CSVs and the reporting periods. */
export const reportAdminRoutes: FastifyPluginAsync = async (app) => {
  const today = () => new Date().toISOString().slice(0, 10);

  /** The period asked for, or the message that says what is wrong with it. */
  const periodOf = async (query: ReportQuery) => {
    const choices = presets(today(), await listReportingPeriods(app.db));
    return { choices, result: resolvePeriod(query, choices) };
  };

  const reportOf = (actor: Actor, period: Period) => reportFor(app.db, period, projectScope(actor));

  app.get<{ Querystring: ReportQuery }>('/admin/report', { schema: { querystring: reportQuery } }, async (request, reply) => {
    authorize(request.user, canSeeReport(request.user));
    const actor = request.user;
    const { choices, result } = await periodOf(request.query);
    const common = { presets: choices, canManagePeriods: canManagePeriods(actor) };
    reply.header('cache-control', 'private, no-store');
    if (!result.ok) {
      const view = h(ReportView, { ...common, report: null, values: request.query, errors: { [result.field]: result.message } });
      return adminPage(request, reply, 'Impact report', view, { status: 400 });
    }
    const [report, projects] = await Promise.all([reportOf(actor, result.period), actor.role === 'admin' ? [] : findProjectsByIds(app.db, actor.projectIds)]);
    const view = h(ReportView, { ...common, report, current: result.preset, values: result.period, errors: {}, projects: projects.map((p) => p.acronym) });
    return adminPage(request, reply, 'Impact report', view);
  });

  app.get<{ Params: { table: string }; Querystring: ReportQuery }>('/admin/report/:table.csv', { schema: { params: csvParams, querystring: reportQuery } }, async (request, reply) => {
    authorize(request.user, canSeeReport(request.user));
    const { result } = await periodOf(request.query);
    if (!result.ok) throw new NotFound(result.message);
    const report = await reportOf(request.user, result.period);
    const table = report.sections.flatMap((s) => s.tables).find((t) => t.id === request.params.table);
    if (!table) throw new NotFound('The report has no such table.');
    const csv = toCsv(
      table.columns,
      table.rows.map((row) => [row.label, ...row.values.map((v) => (typeof v === 'number' ? v : cellText(v)))]),
    );
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="report-${table.id}-${result.period.from}-${result.period.to}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  });

  const periodsPage = async (request: Parameters<typeof adminPage>[0], reply: Parameters<typeof adminPage>[1], form: { values?: Record<string, unknown>; errors?: Record<string, string> } = {}) => {
    const periods = await listReportingPeriods(app.db);
    return adminPage(request, reply, 'Reporting periods', h(PeriodsView, { periods, csrf: reply.generateCsrf(), ...form }), { status: form.errors ? 422 : undefined });
  };

  app.get('/admin/report/periods', { schema: { querystring: reportQuery } }, async (request, reply) => {
    authorize(request.user, canManagePeriods(request.user));
    return periodsPage(request, reply);
  });

  app.post('/admin/report/periods', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManagePeriods(request.user));
    const result = parseForm(periodForm, request.body);
    if (!result.ok) return periodsPage(request, reply, { values: result.values, errors: result.errors });
    const id = await addReportingPeriod(app.db, result.data);
    await audit(app.db, { actor: request.user, action: 'create', subjectType: 'report_period', subjectId: id, detail: result.data.name });
    return reply.redirect(withFlash('/admin/report/periods', 'saved'), 303);
  });

  app.post<{ Params: { id: number } }>('/admin/report/periods/:id/delete', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canManagePeriods(request.user));
    if (!(await deleteReportingPeriod(app.db, request.params.id))) throw new NotFound('There is no such reporting period.');
    await audit(app.db, { actor: request.user, action: 'delete', subjectType: 'report_period', subjectId: request.params.id });
    return reply.redirect(withFlash('/admin/report/periods', 'deleted'), 303);
  });
};
