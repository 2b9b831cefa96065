import fp from 'fastify-plugin';
import { BadRequest } from './errors.js';

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  if (Buffer.isBuffer(value)) return false;
  return Object.entries(value as Record<string, unknown>).some(([key, v]) => key.includes('\u0000') || containsNul(v, depth + 1));
}

/**
 * NUL characters are never meaningful in text a person sends, and PostgreSQL refuses them in text
 * columns: refuse them at the edge with 400 instead of letting any query reach the database with one.
 */
export const inputGuardPlugin = fp(async (app) => {
  app.addHook('onRequest', (request, _reply, done) => {
    done(request.url.includes('%00') ? new BadRequest('The address contains a character that is not allowed.') : undefined);
  });
  app.addHook('preValidation', async (request) => {
    if (containsNul(request.body)) throw new BadRequest('The form contains a character that is not allowed.');
  });
});
