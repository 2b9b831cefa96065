import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, BadRequest, NotFound, PayloadTooLarge } from './errors.js';

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

const UPLOAD_CUT_OFF = 'The upload was cut off or malformed. Please choose the file and send the form again.';

/** busboy (inside @fastify/multipart) reports a cut-off or malformed body as a plain Error without a status. */
const MALFORMED_MULTIPART = /^(Unexpected end of (form|multipart data)|Malformed part header|.+ terminated early due to unexpected end of multipart data|Multipart: Boundary not found)/;

/**
 * What @fastify/multipart and busboy throw about what was sent, as errors of the catalogue: without this a
 * cut-off upload would answer 500, and an oversized one a message that does not say the limit.
 */
function multipartError(request: FastifyRequest, error: FastifyError): AppError | null {
  if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/')) return null;
  switch (error.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new PayloadTooLarge(`That file is larger than ${request.server.config.maxUploadMb} MB, the most the hub accepts.`);
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new BadRequest('The form sent more files or fields than it has. Choose one file and send the form again.');
    case 'FST_MP_PREMATURE_CLOSE':
      return new BadRequest(UPLOAD_CUT_OFF);
  }
  return error.statusCode === undefined && MALFORMED_MULTIPART.test(error.message) ? new BadRequest(UPLOAD_CUT_OFF) : null;
}

/** Ajv's words for a bound ("must be <= 100") in the words a client's author reads at a glance. */
function validationMessage(v: NonNullable<FastifyError['validation']>[number]): string {
  const limit = (v.params as { limit?: unknown } | undefined)?.limit;
  if (v.keyword === 'maximum' && typeof limit === 'number') return `must be at most ${limit}`;
  if (v.keyword === 'minimum' && typeof limit === 'number') return `must be at least ${limit}`;
  return v.message ?? 'is not valid';
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
  app.setErrorHandler((thrown: FastifyError | AppError, request, reply) => {
    const error = thrown instanceof AppError ? thrown : (multipartError(request, thrown) ?? thrown);
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
        fields[key] = validationMessage(v);
      }
      // A page lists the fields under the message; a JSON client often logs the message alone, so it names them.
      const named = wantsJson(request) ? `: ${Object.entries(fields).map(([key, message]) => `${key} ${message}`).join('; ')}` : '';
      return sendError(request, reply, 400, 'bad_request', `Some of the values sent are not valid${named}.`, fields);
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
