import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Layout, type LayoutProps, type SiteLinks } from '../web/layout.js';

export interface PageOptions extends Omit<LayoutProps, 'children' | 'path' | 'actor' | 'csrfToken' | 'searchQuery'> {
  status?: number;
}

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a full HTML page: the body inside the site layout. */
    page(body: VNode<any>, options: PageOptions): FastifyReply;
  }
  interface FastifyInstance {
    /** Links to static pages in the navigation and footer, kept current by the pages module. */
    siteLinks?: SiteLinks;
  }
}

/** Renders any JSX tree to an HTML string (escaped by default). */
export function renderHtml(node: VNode<any>): string {
  return renderToString(node);
}

export function renderPage(request: FastifyRequest, body: VNode<any>, options: PageOptions, csrfToken?: string): string {
  const { status: _status, ...layout } = options;
  const [path, query = ''] = request.url.split('?');
  // On the results page the header's search box shows what was searched, ready to refine.
  const searchQuery = path === '/search' ? (new URLSearchParams(query).get('q') ?? undefined) : undefined;
  return '<!doctype html>' + renderToString(h(Layout, { ...layout, path, searchQuery, actor: request.user, csrfToken, siteLinks: request.server.siteLinks, children: body }));
}

export const renderPlugin = fp(async (app) => {
  // A page may ask for a CSRF token twice (its own form, then the layout's sign-out form). Without a
  // `_csrf` cookie yet, each call would draw a new secret and the second cookie would void the first
  // token, so every call during one request returns the first token.
  app.addHook('onRequest', (_request, reply, done) => {
    const generate = reply.generateCsrf;
    if (generate) {
      let token: string | undefined;
      reply.generateCsrf = function (this: FastifyReply, ...args: Parameters<FastifyReply['generateCsrf']>) {
        token ??= generate.apply(this, args);
        return token;
      };
    }
    done();
  });
  app.decorateReply('page', function (this: FastifyReply, body: VNode<any>, options: PageOptions) {
    return this.code(options.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(renderPage(this.request, body, options, this.request.user ? this.generateCsrf() : undefined));
  });
});
