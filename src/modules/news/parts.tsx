import { contribute, type Contribution } from '../../lib/modules.js';
import { projectScope } from '../../lib/policy.js';
import { formatInstant } from '../../lib/time.js';
import { BACK_OFFICE_HOME } from '../../web/admin.js';
import { PROJECT_PAGE_MAIN } from '../directory/service.js';
import { HOME_COLUMNS } from '../../web/home.js';
import { latestNews, newsOfProject, scheduledNews } from './service.js';
import { NewsCard } from './views.js';

// What news shows on other modules' pages, declared in this module's manifest.

export const newsParts: Contribution[] = [
  contribute(HOME_COLUMNS, {
    order: 20,
    async render(db) {
      const news = await latestNews(db, 4);
      return (
        <section aria-labelledby="news-heading">
          <h2 id="news-heading">Latest news</h2>
          <div class="card-list">{news.map((n) => <NewsCard post={n} headingLevel={3} />)}</div>
          <p><a href="/news">All news →</a></p>
        </section>
      );
    },
  }),
  contribute(PROJECT_PAGE_MAIN, {
    order: 30,
    async render(db, project) {
      const news = await newsOfProject(db, project.id);
      return (
        <section aria-labelledby="project-news">
          <h2 id="project-news">News</h2>
          {news.length ? <div class="card-list">{news.map((n) => <NewsCard post={n} headingLevel={3} />)}</div> : <p>No news yet.</p>}
        </section>
      );
    },
  }),
  contribute(BACK_OFFICE_HOME, {
    order: 40,
    async load(db, actor) {
      const scheduled = await scheduledNews(db, projectScope(actor));
      const section = scheduled.length > 0 && (
        <section aria-labelledby="scheduled-heading">
          <h2 id="scheduled-heading">News scheduled</h2>
          <ul>
            {scheduled.map((p) => (
              <li>
                <a href={`/admin/news/${p.id}`}>{p.title}</a> — goes out <time dateTime={p.publishedAt!}>{formatInstant(p.publishedAt!)}</time>
              </li>
            ))}
          </ul>
        </section>
      );
      return { section };
    },
  }),
];
