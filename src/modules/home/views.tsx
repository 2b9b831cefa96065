import { HUB_NAME } from '../../web/layout.js';
import { counted } from '../../lib/plural.js';
import { ProjectCard } from '../directory/views.js';
import type { Project } from '../directory/service.js';
import type { HubEvent } from '../events/service.js';
import { EventCard } from '../events/views.js';
import type { NewsPost } from '../news/service.js';
import { NewsCard } from '../news/views.js';

export function HomeView(props: { upcoming: HubEvent[]; recent: HubEvent[]; news: NewsPost[]; projects: Project[] }) {
  return (
    <>
      <section class="hero" aria-labelledby="hero-title">
        <div class="container">
          <h1 id="hero-title">{HUB_NAME}</h1>
          <p class="lead">
            {counted(props.projects.length, 'EU-funded research and innovation project')} and about 100 organisations working on battery raw
            materials mined, refined and recycled in Europe — sharing results, events and ideas in one place.
          </p>
          <p class="actions">
            <a class="button" href="/events">See events</a>
            <a class="button secondary" href="/about">About the hub and how to join</a>
          </p>
        </div>
      </section>
      <div class="container home-grid">
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">{props.upcoming.length ? 'Upcoming events' : 'Recent events'}</h2>
          <div class="card-list">{(props.upcoming.length ? props.upcoming : props.recent).map((e) => <EventCard event={e} headingLevel={3} />)}</div>
          <p><a href="/events">All events →</a></p>
        </section>
        <section aria-labelledby="news-heading">
          <h2 id="news-heading">Latest news</h2>
          <div class="card-list">{props.news.map((n) => <NewsCard post={n} headingLevel={3} />)}</div>
          <p><a href="/news">All news →</a></p>
        </section>
      </div>
      <section class="container" aria-labelledby="projects-heading">
        <h2 id="projects-heading">Member projects</h2>
        <div class="card-grid">{props.projects.map((p) => <ProjectCard project={p} headingLevel={3} />)}</div>
      </section>
    </>
  );
}
