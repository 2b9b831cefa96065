import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, NotFound } from './errors.js';

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json');
}

function ErrorPage(props: { status: number; message: string; fields: Record<string, string> }) {
  const heading =
    props.status === 404
      ? 'Page not found'
      : props.status === 401
        ? 'Sign in required'
        : props.status === 403
          ? 'Not allowed'
          : props.status === 429
            ? 'Too many requests'
            : props.status >= 500
              ? 'Something went wrong'
              : 'We could not accept that';
  const entries = Object.entries(props.fields).filter(([key]) => key !== '_form');
  return (
    <div class="container narrow error-page">
      <h1>{heading}</h1>
      <p class="lead">{props.message}</p>
      {entries.length > 0 && (
        <ul class="error-list">
          {entries.map(([field, message]) => (
            <li>
              <strong>{field}</strong>: {message}
            </li>
          ))}
        </ul>
      )}
      {props.status === 401 ? (
        <p><a class="button" href="/sign-in">Sign in</a></p>
      ) : (
        <p>
          <a href="/">Go to the home page</a> or <a href="/search">search the hub</a>.
        </p>
      )}
    </div>
  );
}

/** Sends an error as JSON for the API and as a page for people; 5xx never reveal internals. */
export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string, fields: Record<string, string> = {}) {
  if (wantsJson(request)) {
    return reply.code(status).type('application/json').send({ error: { code, message, fields } });
  }
  return reply.page(<ErrorPage status={status} message={message} fields={fields} />, { title: `Error ${status}`, status });
}

/** One error handler for the whole app. */
export const errorsPlugin = fp(async (app) => {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status === 401 && !wantsJson(request) && request.method === 'GET') {
        return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
      }
      return sendError(request, reply, error.status, error.code, error.message, error.fields);
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const fields: Record<string, string> = {};
      for (const v of fastifyError.validation) {
        const key = String(v.instancePath || (v.params as any)?.missingProperty || '').replace(/^\//, '') || 'request';
        fields[key] = v.message ?? 'is not valid';
      }
      return sendError(request, reply, 400, 'bad_request', 'Some of the values sent are not valid.', fields);
    }
    const status = fastifyError.statusCode ?? 500;
    if (status === 413) return sendError(request, reply, 413, 'payload_too_large', 'What you sent is too large. Choose a smaller file and try again.');
    if (status === 429) return sendError(request, reply, 429, 'too_many_requests', 'Too many requests. Please wait a minute and try again.');
    if (status === 403 && fastifyError.code?.startsWith('FST_CSRF')) {
      return sendError(request, reply, 403, 'csrf', 'This form has expired or did not come from this site. Please go back, reload the page and try again.');
    }
    if (status >= 400 && status < 500) {
      return sendError(request, reply, status, fastifyError.code ?? 'bad_request', 'The request could not be understood.');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 500, 'internal', 'An unexpected error happened on our side. It has been logged.');
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new NotFound();
    return sendError(request, reply, 404, error.code, error.message);
  });
});
