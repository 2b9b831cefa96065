import type { FastifyInstance } from 'fastify';
import type { JobRegistry } from '../../lib/jobs.js';
import { EVENT_SAVED_JOB } from '../events/service.js';
import { extractVersionText, libraryStorage, PDF_TEXT_JOB, pdfTextLimitsOf, syncEventDocuments } from './service.js';

export function registerLibraryJobs(jobs: JobRegistry, app: FastifyInstance): void {
  // A document of an event is public exactly when its event is: follow each save of an event.
  jobs.register(EVENT_SAVED_JOB, async ({ eventId }: { eventId: number }, { db }) => syncEventDocuments(db, eventId));
  const storage = libraryStorage(app.config.dataDir);
  const pdfTextLimits = pdfTextLimitsOf(app.config);
  jobs.register(PDF_TEXT_JOB, async ({ versionId }: { versionId: number }, { db, log }) => extractVersionText(db, storage, versionId, pdfTextLimits, log));
}
