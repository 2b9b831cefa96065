import type { SearchDocumentInput } from '../search/service.js';
import type { NewsPost } from './service.js';

// How a news post reads in the search index.

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n');

export function newsDocument(post: NewsPost): SearchDocumentInput {
  return {
    kind: 'news',
    refId: post.id,
    url: post.url,
    title: post.title,
    body: join(post.summary, post.bodyMd, post.tags.join(' ')),
    projectId: post.projectId,
    eventId: post.eventId,
    date: post.publishedAt,
  };
}
