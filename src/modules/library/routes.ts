import { type ListQuery, listQuery, idParams } from '../../lib/validation.js';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { audit } from '../../lib/audit.js';
import { BadRequest, Invalid, NotFound } from '../../lib/errors.js';
import { parseForm } from '../../lib/forms.js';
import { type Actor, authorize, isAdmin } from '../../lib/policy.js';
import { adminPage } from '../../web/admin.js';
import { findProjectsByIds, listProjects } from '../directory/service.js';
import { eventsOfProject, findEventById, flattenProgramme, getProgramme, type HubEvent, listEvents, projectsOfEvent } from '../events/service.js';
import { addPhoto, createGallery, findGallery, findPhotoFile, galleriesOfEvent, listPublishedGalleries, photosOf } from './galleries.js';
import { canManage, canUseLibraryAdmin } from './policy.js';
import { documentForm, galleryForm, libraryQuery, type LibraryQuery, mediaParams, photoForm, photoParams, versionParams } from './schema.js';
import {
  addVersion,
  type Attachment,
  createDocument,
  deleteDocument,
  type DocumentVersion,
  findDocument,
  findVersion,
  isPublic,
  libraryStorage,
  libraryYears,
  type LibraryDocument,
  listLibrary,
  listVersions,
  manageableDocuments,
  recordDownload,
  resolveAttachment,
  updateDocument,
  type UploadedFile,
} from './service.js';
import {
  AdminLibraryView,
  DocumentView,
  EditDocumentView,
  type FormState,
  GalleryAdminView,
  GalleryIndexView,
  GalleryView,
  LibraryView,
  NewDocumentView,
  NewGalleryView,
  PhotoView,
  type TargetGroup,
} from './views.js';

function attachmentOf(document: LibraryDocument): Attachment {
  if (document.itemId && document.eventId) return { type: 'item', eventId: document.eventId, itemId: document.itemId };
  if (document.eventId) return { type: 'event', eventId: document.eventId };
  if (document.projectId) return { type: 'project', projectId: document.projectId };
  return { type: 'hub' };
}

function targetValue(attachment: Attachment): string {
  if (attachment.type === 'item') return `item:${attachment.itemId}`;
  if (attachment.type === 'event') return `event:${attachment.eventId}`;
  if (attachment.type === 'project') return `project:${attachment.projectId}`;
  return 'hub';
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266). */
function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'download';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const libraryRoutes: FastifyPluginAsync = async (app) => {
  const storage = libraryStorage(app.config.dataDir);
  const maxMb = app.config.maxUploadMb;
  await app.register(multipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: true,
    limits: { fileSize: maxMb * 1024 * 1024, files: 1, fields: 20, fieldSize: 10_000, parts: 25 },
  });
  /** Multipart fields as plain strings and the one uploaded file, so forms and CSRF read them as usual. */
  async function flattenMultipart(request: FastifyRequest) {
    if (!request.isMultipart()) return;
    const flat: Record<string, unknown> = {};
    for (const [name, value] of Object.entries((request.body ?? {}) as Record<string, any>)) {
      const part = Array.isArray(value) ? value[0] : value;
      if (part?.type === 'file') {
        const data: Buffer = await part.toBuffer();
        if (data.length) flat[name] = { fileName: String(part.filename ?? 'file'), data } satisfies UploadedFile;
      } else if (part?.type === 'field') {
        flat[name] = String(part.value);
      }
    }
    request.body = flat;
  }
  const upload = { preValidation: flattenMultipart, preHandler: app.csrfProtection };

  /** The file sent in a form's file field; a text field under that name is a request no form of ours sends. */
  function uploadedFile(body: Record<string, unknown>, name: string): UploadedFile | undefined {
    const value = body[name];
    if (value === undefined) return undefined;
    if (typeof value === 'string') throw new BadRequest(`“${name}” must be a file chosen with the form’s file field, not text.`, { [name]: 'Choose a file to upload.' });
    return value as UploadedFile;
  }

  async function organisersOf(attachment: Attachment): Promise<number[]> {
    if (attachment.type !== 'event' && attachment.type !== 'item') return [];
    return (await projectsOfEvent(app.db, attachment.eventId)).map((p) => p.id);
  }

  async function mayManage(actor: Actor | null, attachment: Attachment): Promise<boolean> {
    return actor ? canManage(actor, attachment, await organisersOf(attachment)) : false;
  }

  /** Events an actor may attach things to: all for admins, those their projects organise for editors. */
  async function manageableEvents(actor: Actor): Promise<HubEvent[]> {
    if (isAdmin(actor)) return (await listEvents(app.db, { when: 'all', page: 1 }, 1000)).events;
    const byId = new Map<number, HubEvent>();
    for (const projectId of actor.projectIds) for (const e of await eventsOfProject(app.db, projectId)) byId.set(e.id, e);
    return [...byId.values()];
  }

  async function targetsFor(actor: Actor): Promise<TargetGroup[]> {
    const groups: TargetGroup[] = [];
    if (isAdmin(actor)) groups.push({ label: 'The hub', options: [{ value: 'hub', label: 'The Cluster Hub itself' }] });
    const projects = isAdmin(actor) ? await listProjects(app.db) : await findProjectsByIds(app.db, actor.projectIds);
    if (projects.length) groups.push({ label: 'Projects', options: projects.map((p) => ({ value: `project:${p.id}`, label: `${p.acronym} (project)` })) });
    for (const event of await manageableEvents(actor)) {
      const items = flattenProgramme(await getProgramme(app.db, event.id)).filter((i) => i.kind !== 'break' && i.kind !== 'networking');
      groups.push({
        label: event.shortTitle ?? event.title,
        options: [{ value: `event:${event.id}`, label: `${event.shortTitle ?? event.title} (whole event)` }, ...items.map((i) => ({ value: `item:${i.id}`, label: i.title }))],
      });
    }
    return groups;
  }

  async function attachedLabel(document: LibraryDocument): Promise<{ label: string; href: string } | null> {
    if (document.eventId) {
      const event = await findEventById(app.db, document.eventId);
      if (event) return { label: event.title, href: document.itemId ? `${event.url}#slot-${document.itemId}` : event.url };
    }
    if (document.projectId) {
      const [project] = await findProjectsByIds(app.db, [document.projectId]);
      if (project) return { label: `${project.acronym} — ${project.title}`, href: project.url };
    }
    return null;
  }

  /** A document the person may see: public, or unpublished but theirs to edit. Anything else is "not found". */
  async function visibleDocument(request: FastifyRequest, id: number) {
    const document = await findDocument(app.db, id);
    if (!document) throw new NotFound('There is no such document.');
    const open = await isPublic(app.db, document);
    const manager = await mayManage(request.user, attachmentOf(document));
    if (!open && !manager) throw new NotFound('There is no such document.');
    return { document, open, manager };
  }

  async function sendVersion(reply: FastifyReply, document: LibraryDocument, version: DocumentVersion | null) {
    if (!version) throw new NotFound('There is no such version of this document.');
    const file = await storage.stream(version.storageKey);
    if (!file) throw new NotFound('The file of this document is missing. Please tell the hub’s team.');
    await recordDownload(app.db, document.id);
    return reply
      .header('content-type', version.mediaType)
      .header('content-disposition', contentDisposition('attachment', version.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-cache')
      .send(file);
  }

  // Public pages

  app.get<{ Querystring: LibraryQuery }>('/library', { schema: { querystring: libraryQuery }, config: { publicCache: true } }, async (request, reply) => {
    const query = request.query;
    const [page, projects, events, years] = await Promise.all([
      listLibrary(app.db, { type: query.type, project: query.project, event: query.event, year: query.year || undefined, page: query.page }),
      listProjects(app.db, { members: true }),
      listEvents(app.db, { when: 'past', page: 1 }, 200),
      libraryYears(app.db),
    ]);
    return reply.page(h(LibraryView, { page, query, projects, events: events.events, years }), { title: 'Library', description: 'Presentations and documents of the Cluster Hub and its member projects.' });
  });

  app.get<{ Params: { id: number } }>('/library/:id', { schema: { params: idParams } }, async (request, reply) => {
    const { document, open, manager } = await visibleDocument(request, request.params.id);
    const [versions, attachedTo] = await Promise.all([listVersions(app.db, document.id), attachedLabel(document)]);
    return reply.page(h(DocumentView, { document, versions, attachedTo, canManage: manager, draft: !open }), { title: document.title, description: document.description || undefined });
  });

  app.get<{ Params: { id: number } }>('/library/:id/download', { schema: { params: idParams } }, async (request, reply) => {
    const { document } = await visibleDocument(request, request.params.id);
    if (document.externalUrl) return reply.redirect(document.externalUrl);
    return sendVersion(reply, document, await findVersion(app.db, document.id, document.currentVersion));
  });

  app.get<{ Params: { id: number; version: number } }>('/library/:id/versions/:version/download', { schema: { params: versionParams } }, async (request, reply) => {
    const { document } = await visibleDocument(request, request.params.id);
    return sendVersion(reply, document, await findVersion(app.db, document.id, request.params.version));
  });

  async function visibleGallery(request: FastifyRequest, id: number) {
    const gallery = await findGallery(app.db, id);
    const event = gallery ? await findEventById(app.db, gallery.eventId) : null;
    if (!gallery || !event) throw new NotFound('There is no such gallery.');
    if (event.status !== 'published' && !(await mayManage(request.user, { type: 'event', eventId: event.id }))) throw new NotFound('There is no such gallery.');
    return { gallery, event };
  }

  app.get('/galleries', { config: { publicCache: true } }, async (_request, reply) =>
    reply.page(h(GalleryIndexView, { galleries: await listPublishedGalleries(app.db) }), { title: 'Photo galleries', description: 'Photos from the events of the Cluster Hub and its member projects.' }),
  );

  app.get<{ Params: { id: number } }>('/galleries/:id', { schema: { params: idParams } }, async (request, reply) => {
    const { gallery, event } = await visibleGallery(request, request.params.id);
    return reply.page(h(GalleryView, { gallery, event, photos: await photosOf(app.db, gallery.id) }), { title: gallery.title });
  });

  app.get<{ Params: { id: number; photoId: number } }>('/galleries/:id/photos/:photoId', { schema: { params: photoParams } }, async (request, reply) => {
    const { gallery } = await visibleGallery(request, request.params.id);
    const photos = await photosOf(app.db, gallery.id);
    const index = photos.findIndex((p) => p.id === request.params.photoId);
    if (index < 0) throw new NotFound('There is no such photo in this gallery.');
    return reply.page(
      h(PhotoView, { gallery, photo: photos[index], previous: photos[index - 1] ?? null, next: photos[index + 1] ?? null, index, count: photos.length }),
      { title: `${gallery.title}: photo ${index + 1}`, scripts: ['/static/js/lightbox.js'] },
    );
  });

  app.get<{ Params: { id: number; size: 'web.jpg' | 'thumb.jpg' } }>('/media/photos/:id/:size', { schema: { params: mediaParams } }, async (request, reply) => {
    const file = await findPhotoFile(app.db, request.params.id, request.params.size === 'web.jpg' ? 'web' : 'thumb');
    if (!file) throw new NotFound('There is no such photo.');
    const event = await findEventById(app.db, file.eventId);
    if (event?.status !== 'published' && !(await mayManage(request.user, { type: 'event', eventId: file.eventId }))) throw new NotFound('There is no such photo.');
    const image = await storage.stream(file.key);
    if (!image) throw new NotFound('The file of this photo is missing.');
    return reply
      .header('content-type', 'image/jpeg')
      .header('content-disposition', contentDisposition('inline', `photo-${request.params.id}-${request.params.size}`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', event?.status === 'published' ? 'public, max-age=86400, immutable' : 'private, no-cache')
      .send(image);
  });

  // Back office

  const state = (reply: FastifyReply, values: Record<string, unknown> = {}, errors: Record<string, string> = {}): FormState => ({ values, errors, csrf: reply.generateCsrf() });

  app.get<{ Querystring: ListQuery }>('/admin/library', { schema: { querystring: listQuery } }, async (request, reply) => {
    authorize(request.user, canUseLibraryAdmin(request.user));
    const events = await manageableEvents(request.user);
    const scope = isAdmin(request.user) ? null : { projectIds: request.user.projectIds, eventIds: events.map((e) => e.id) };
    const documents = await manageableDocuments(app.db, scope, request.query);
    const galleries = [];
    for (const event of events) for (const g of await galleriesOfEvent(app.db, event.id)) galleries.push({ ...g, eventTitle: event.title });
    return adminPage(request, reply, 'Library', h(AdminLibraryView, { ...documents, q: request.query.q, galleries }));
  });

  app.get('/admin/library/new', async (request, reply) => {
    authorize(request.user, canUseLibraryAdmin(request.user));
    const attach = typeof (request.query as Record<string, unknown>).attach === 'string' ? (request.query as Record<string, string>).attach : undefined;
    return adminPage(request, reply, 'Add a document', h(NewDocumentView, { state: state(reply, { attach }), targets: await targetsFor(request.user), maxMb }));
  });

  app.post('/admin/library', upload, async (request, reply) => {
    authorize(request.user, canUseLibraryAdmin(request.user));
    const actor = request.user;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const file = uploadedFile(body, 'file');
    const rerender = async (errors: Record<string, string>) =>
      adminPage(request, reply, 'Add a document', h(NewDocumentView, { state: state(reply, body, errors), targets: await targetsFor(actor), maxMb }), { status: 422 });
    const parsed = parseForm(documentForm, body);
    if (!parsed.ok) return rerender(parsed.errors);
    if (!file && !parsed.data.url) return rerender({ file: 'Choose a file to upload, or give the address of a document kept elsewhere.' });
    try {
      const attachment = await resolveAttachment(app.db, parsed.data.attach);
      authorize(actor, await mayManage(actor, attachment));
      const id = await createDocument(app.db, storage, { fields: parsed.data, attachment, file, externalUrl: parsed.data.url || undefined, userId: actor.id });
      await audit(app.db, { actor, action: 'library.create', subjectType: 'document', subjectId: id, detail: parsed.data.title });
      return reply.redirect(`/library/${id}`, 303);
    } catch (error) {
      if (error instanceof Invalid) return rerender(error.fields);
      throw error;
    }
  });

  async function managedDocument(request: FastifyRequest, id: number) {
    authorize(request.user, canUseLibraryAdmin(request.user));
    const document = await findDocument(app.db, id);
    if (!document) throw new NotFound('There is no such document.');
    authorize(request.user, await mayManage(request.user, attachmentOf(document)));
    return document;
  }

  const editValues = (d: LibraryDocument) => ({ title: d.title, authors: d.authors, date: d.date ?? '', description: d.description, licence: d.licence, attach: targetValue(attachmentOf(d)) });

  async function renderEdit(request: FastifyRequest, reply: FastifyReply, document: LibraryDocument, values: Record<string, unknown>, errors: Record<string, string>, versionError?: string) {
    const [versions, targets] = await Promise.all([listVersions(app.db, document.id), targetsFor(request.user!)]);
    const status = Object.keys(errors).length || versionError ? 422 : 200;
    return adminPage(request, reply, `Edit “${document.title}”`, h(EditDocumentView, { document, versions, state: state(reply, values, errors), versionError, targets, maxMb }), { status });
  }

  app.get<{ Params: { id: number } }>('/admin/library/:id', { schema: { params: idParams } }, async (request, reply) => {
    const document = await managedDocument(request, request.params.id);
    return renderEdit(request, reply, document, editValues(document), {});
  });

  app.post<{ Params: { id: number } }>('/admin/library/:id', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const document = await managedDocument(request, request.params.id);
    const parsed = parseForm(documentForm, request.body);
    if (!parsed.ok) return renderEdit(request, reply, document, parsed.values, parsed.errors);
    try {
      const attachment = await resolveAttachment(app.db, parsed.data.attach);
      authorize(request.user, await mayManage(request.user, attachment));
      await updateDocument(app.db, document.id, parsed.data, attachment);
    } catch (error) {
      if (error instanceof Invalid) return renderEdit(request, reply, document, parsed.data, error.fields);
      throw error;
    }
    await audit(app.db, { actor: request.user, action: 'library.update', subjectType: 'document', subjectId: document.id });
    return reply.redirect(`/library/${document.id}`, 303);
  });

  app.post<{ Params: { id: number } }>('/admin/library/:id/versions', { schema: { params: idParams }, ...upload }, async (request, reply) => {
    const document = await managedDocument(request, request.params.id);
    const file = uploadedFile((request.body ?? {}) as Record<string, unknown>, 'file');
    if (!file) return renderEdit(request, reply, document, editValues(document), {}, 'Choose the file of the new version.');
    try {
      const version = await addVersion(app.db, storage, document.id, file, request.user!.id);
      await audit(app.db, { actor: request.user, action: 'library.version', subjectType: 'document', subjectId: document.id, detail: `version ${version}` });
    } catch (error) {
      if (error instanceof Invalid) return renderEdit(request, reply, document, editValues(document), {}, error.fields.file ?? error.message);
      throw error;
    }
    return reply.redirect(`/library/${document.id}`, 303);
  });

  app.post<{ Params: { id: number } }>('/admin/library/:id/delete', { schema: { params: idParams }, preHandler: app.csrfProtection }, async (request, reply) => {
    const document = await managedDocument(request, request.params.id);
    await deleteDocument(app.db, storage, document.id);
    await audit(app.db, { actor: request.user, action: 'library.delete', subjectType: 'document', subjectId: document.id, detail: document.title });
    return reply.redirect('/admin/library', 303);
  });

  app.get('/admin/galleries/new', async (request, reply) => {
    authorize(request.user, canUseLibraryAdmin(request.user));
    return adminPage(request, reply, 'Add a photo gallery', h(NewGalleryView, { state: state(reply), events: await manageableEvents(request.user) }));
  });

  app.post('/admin/galleries', { preHandler: app.csrfProtection }, async (request, reply) => {
    authorize(request.user, canUseLibraryAdmin(request.user));
    const actor = request.user;
    const parsed = parseForm(galleryForm, request.body);
    const event = parsed.ok ? await findEventById(app.db, Number(parsed.data.event)) : null;
    if (!parsed.ok || !event) {
      const errors = parsed.ok ? { event: 'Choose the event the photos are from.' } : parsed.errors;
      return adminPage(request, reply, 'Add a photo gallery', h(NewGalleryView, { state: state(reply, (request.body ?? {}) as Record<string, unknown>, errors), events: await manageableEvents(actor) }), { status: 422 });
    }
    authorize(actor, await mayManage(actor, { type: 'event', eventId: event.id }));
    const id = await createGallery(app.db, { eventId: event.id, title: parsed.data.title, description: parsed.data.description, userId: actor.id });
    return reply.redirect(`/admin/galleries/${id}`, 303);
  });

  async function managedGallery(request: FastifyRequest, id: number) {
    authorize(request.user, canUseLibraryAdmin(request.user));
    const gallery = await findGallery(app.db, id);
    if (!gallery) throw new NotFound('There is no such gallery.');
    authorize(request.user, await mayManage(request.user, { type: 'event', eventId: gallery.eventId }));
    return gallery;
  }

  app.get<{ Params: { id: number } }>('/admin/galleries/:id', { schema: { params: idParams } }, async (request, reply) => {
    const gallery = await managedGallery(request, request.params.id);
    return adminPage(request, reply, `Photos: ${gallery.title}`, h(GalleryAdminView, { gallery, photos: await photosOf(app.db, gallery.id), state: state(reply), maxMb }));
  });

  app.post<{ Params: { id: number } }>('/admin/galleries/:id/photos', { schema: { params: idParams }, ...upload }, async (request, reply) => {
    const gallery = await managedGallery(request, request.params.id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const rerender = async (errors: Record<string, string>) =>
      adminPage(request, reply, `Photos: ${gallery.title}`, h(GalleryAdminView, { gallery, photos: await photosOf(app.db, gallery.id), state: state(reply, body, errors), maxMb }), { status: 422 });
    const parsed = parseForm(photoForm, body);
    const photo = uploadedFile(body, 'photo');
    if (!parsed.ok || !photo) return rerender({ ...(parsed.ok ? {} : parsed.errors), ...(photo ? {} : { photo: 'Choose a photo to upload.' }) });
    try {
      await addPhoto(app.db, storage, gallery.id, { data: photo.data, alt: parsed.data.alt, caption: parsed.data.caption });
    } catch (error) {
      if (error instanceof Invalid) return rerender(error.fields);
      throw error;
    }
    return reply.redirect(`/admin/galleries/${gallery.id}`, 303);
  });
};
