import { HUB_NAME } from '../../web/layout.js';
import { counted } from '../../lib/plural.js';
import type { ComponentChildren } from 'preact';

/** The introduction, then what other modules show (HOME_COLUMNS side by side, HOME_WIDE across). */
export function HomeView(props: { projectCount: number; columns: ComponentChildren; wide: ComponentChildren }) {
  return (
    <>
      <section class="hero" aria-labelledby="hero-title">
        <div class="container">
          <h1 id="hero-title">{HUB_NAME}</h1>
          <p class="lead">
            {counted(props.projectCount, 'EU-funded research and innovation project')} and about 100 organisations working on battery raw
            materials mined, refined and recycled in Europe — sharing results, events and ideas in one place.
          </p>
          <p class="actions">
            <a class="button" href="/events">See events</a>
            <a class="button secondary" href="/about">About the hub and how to join</a>
            <a class="button secondary" href="/newsletter/subscribe">Get news by e-mail</a>
          </p>
        </div>
      </section>
      <div class="container home-grid">{props.columns}</div>
      {props.wide}
    </>
  );
}
