// @ts-check
/* global EventSource, window, document, HTMLElement */
/**
 * Live sessions, progressive enhancement: the page already works with reloads; this follows the
 * session's Server-Sent Events, swaps in the results fragment the server rendered, updates the
 * counters, refreshes a phone's Q&A list, and reloads the page when the moderator moves on or changes
 * what it shows.
 */

/** @param {HTMLElement} root */
function start(root) {
  if (root.dataset.liveStarted === '1') return;
  root.dataset.liveStarted = '1';
  const url = root.dataset.events;
  if (!url || typeof EventSource === 'undefined') return;
  const results = root.querySelector('[data-live-results]');
  const qa = root.querySelector('[data-live-qa]');
  const refreshQa = qa instanceof HTMLElement ? qaRefresher(qa) : () => {};
  const source = new EventSource(url);

  source.addEventListener('update', (event) => {
    /** @type {{ q: number | null, v: number, n: number, p: number, html?: string }} */
    const data = JSON.parse(/** @type {MessageEvent<string>} */ (event).data);
    if (results && typeof data.html === 'string') results.innerHTML = data.html;
    for (const el of root.querySelectorAll('[data-live-participants]')) el.textContent = String(data.p);
    for (const el of root.querySelectorAll('[data-live-responses]')) el.textContent = String(data.n);
    if (root.dataset.version !== String(data.v)) refreshQa();
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

/**
 * Fetches this phone's copy of the Q&A list (its upvote buttons carry the visitor's own CSRF token),
 * at most every 2 s and spread over a second, so a room of phones does not ask at once. The list
 * is not replaced while focus is inside it, so a keyboard user does not lose their place.
 * @param {HTMLElement} container
 */
function qaRefresher(container) {
  const url = container.dataset.liveQa;
  let timer = 0;
  let lastAt = 0;
  const refresh = async () => {
    timer = 0;
    if (container.contains(document.activeElement)) {
      schedule();
      return;
    }
    lastAt = Date.now();
    const response = await window.fetch(String(url), { credentials: 'same-origin' }).catch(() => null);
    if (response && response.ok) container.innerHTML = await response.text();
  };
  const schedule = () => {
    if (timer) return;
    const wait = Math.max(0, lastAt + 2000 - Date.now()) + Math.random() * 1000;
    timer = window.setTimeout(() => void refresh(), wait);
  };
  return schedule;
}

for (const root of document.querySelectorAll('[data-module="live"]')) {
  if (root instanceof HTMLElement) start(root);
}
