import type { SearchSource } from '../search/service.js';
import { newsDocument } from './search.js';
import { listNews } from './service.js';

const ALL = 1_000_000;

/** Published posts; a post keeps its entry current as it is saved (and as a scheduled one comes out). */
export const newsSearchSource: SearchSource = {
  async entries(db) {
    return (await listNews(db, { page: 1 }, ALL)).posts.map(newsDocument);
  },
};
