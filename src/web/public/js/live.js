// @ts-check
/* global EventSource, window, document, HTMLElement */
/**
 * Live sessions, progressive enhancement: the page already works with reloads; this follows the
 * session's Server-Sent Events, swaps in the results fragment the server rendered, updates the
 * counters, and reloads the page when the moderator moves on or changes what it shows.
 */

/** @param {HTMLElement} root */
function start(root) {
  if (root.dataset.liveStarted === '1') return;
  root.dataset.liveStarted = '1';
  const url = root.dataset.events;
  if (!url || typeof EventSource === 'undefined') return;
  const results = root.querySelector('[data-live-results]');
  const source = new EventSource(url);

  source.addEventListener('update', (event) => {
    /** @type {{ q: number | null, v: number, n: number, p: number, html?: string }} */
    const data = JSON.parse(/** @type {MessageEvent<string>} */ (event).data);
    if (results && typeof data.html === 'string') results.innerHTML = data.html;
    for (const el of root.querySelectorAll('[data-live-participants]')) el.textContent = String(data.p);
    for (const el of root.querySelectorAll('[data-live-responses]')) el.textContent = String(data.n);
    root.dataset.version = String(data.v);
  });

  source.addEventListener('state', (event) => {
    if (/** @type {MessageEvent<string>} */ (event).data !== root.dataset.state) {
      source.close();
      // Phones spread their reloads (data-reload-spread ms) so a room does not hit the server at once.
      const spread = Number(root.dataset.reloadSpread ?? 0);
      window.setTimeout(() => window.location.reload(), Math.random() * spread);
    }
  });
}

for (const root of document.querySelectorAll('[data-module="live"]')) {
  if (root instanceof HTMLElement) start(root);
}
