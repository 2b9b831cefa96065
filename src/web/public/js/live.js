// @ts-check
/* global EventSource, window, document, HTMLElement, HTMLButtonElement, Element, KeyboardEvent, URLSearchParams */
/**
 * Live sessions, progressive enhancement: the page already works with reloads; this follows the
 * session's Server-Sent Events, merges the results fragment the server rendered into the chart on
 * screen (so bars grow and words change size with a CSS transition instead of jumping), updates the
 * counters, refreshes a phone's Q&A list, reloads the page when the moderator moves on or changes
 * what it shows, and gives the presenter view its keys.
 */

/**
 * Makes `current` look like `next` while keeping the elements both share, so that CSS transitions
 * run on changed attributes (a bar's width, a word's size class). Children with a `data-key` are
 * matched by key, the others by position.
 * @param {Element} current
 * @param {Element} next
 */
function morph(current, next) {
  for (const { name } of [...current.attributes]) if (!next.hasAttribute(name)) current.removeAttribute(name);
  for (const { name, value } of [...next.attributes]) if (current.getAttribute(name) !== value) current.setAttribute(name, value);
  const keyed = new Map();
  for (const child of current.children) {
    const key = child.getAttribute('data-key');
    if (key !== null) keyed.set(key, child);
  }
  const wanted = [...next.childNodes];
  const existing = [...current.childNodes];
  wanted.forEach((node, i) => {
    const key = node instanceof Element ? node.getAttribute('data-key') : null;
    /** @type {Node | undefined} */
    let match = key !== null ? keyed.get(key) : existing[i];
    if (match && key !== null) keyed.delete(key);
    const same =
      match &&
      match.nodeType === node.nodeType &&
      (!(node instanceof Element) || (match instanceof Element && match.tagName === node.tagName && (key !== null || !match.hasAttribute('data-key'))));
    if (!match || !same) {
      match = node.cloneNode(true);
      if (match instanceof Element) match.classList.add('live-enter');
    } else if (node instanceof Element && match instanceof Element) morph(match, node);
    else if (match.nodeValue !== node.nodeValue) match.nodeValue = node.nodeValue;
    if (current.childNodes[i] !== match) current.insertBefore(match, current.childNodes[i] ?? null);
  });
  while (current.childNodes.length > wanted.length) current.lastChild?.remove();
}

/**
 * Shows a results fragment: merged into the chart on screen when there is one (the page may hold
 * the fragment itself or a wrapper around it), written as it is otherwise.
 * @param {Element} container
 * @param {string} html
 */
function showResults(container, html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  const incoming = template.content.firstElementChild;
  const current = container.querySelector(':scope > .live-results, :scope > div > .live-results');
  if (incoming && current && incoming.classList.contains('live-results')) morph(current, incoming);
  else container.innerHTML = html;
}

/**
 * Whether the session's new state differs from what the page shows. A page that follows only some
 * fields (data-follow="status pace": a phone going through a questionnaire at its own pace) ignores
 * the moderator paging the big screen.
 * @param {string} incoming
 * @param {string} shown
 * @param {string | undefined} follow
 */
function changed(incoming, shown, follow) {
  if (!follow) return incoming !== shown;
  const a = JSON.parse(incoming);
  const b = JSON.parse(shown);
  return follow.split(' ').some((field) => a[field] !== b[field]);
}

/** @param {HTMLElement} root */
function start(root) {
  if (root.dataset.liveStarted === '1') return;
  root.dataset.liveStarted = '1';
  if (root.hasAttribute('data-present-keys')) presenterKeys(root);
  const url = root.dataset.events;
  if (!url || typeof EventSource === 'undefined') return;
  const results = root.querySelector('[data-live-results]');
  const qa = root.querySelector('[data-live-qa]');
  const refreshQa = qa instanceof HTMLElement ? qaRefresher(qa) : () => {};
  const source = new EventSource(url);

  source.addEventListener('update', (event) => {
    /** @type {{ q: number | null, v: number, n: number, p: number, html?: string }} */
    const data = JSON.parse(/** @type {MessageEvent<string>} */ (event).data);
    if (results && typeof data.html === 'string') showResults(results, data.html);
    for (const el of root.querySelectorAll('[data-live-participants]')) el.textContent = String(data.p);
    for (const el of root.querySelectorAll('[data-live-responses]')) el.textContent = String(data.n);
    if (root.dataset.version !== String(data.v)) refreshQa();
    root.dataset.version = String(data.v);
  });

  source.addEventListener('state', (event) => {
    if (changed(/** @type {MessageEvent<string>} */ (event).data, root.dataset.state ?? '', root.dataset.follow)) {
      source.close();
      // Phones spread their reloads (data-reload-spread ms) so a room does not hit the server at once.
      const spread = Number(root.dataset.reloadSpread ?? 0);
      window.setTimeout(() => window.location.reload(), Math.random() * spread);
    }
  });
}

/**
 * The presenter's keys: → and ← step through the questions, R shows or hides the results, Q shows
 * the join slide full size, F full screen. The first three post the moderator's own actions; the
 * session's stream then reloads the page with what changed.
 * @param {HTMLElement} root
 */
function presenterKeys(root) {
  const slide = root.querySelector('[data-join-slide]');
  const stage = root.querySelector('[data-live-results]');
  /** @param {string | undefined} action */
  const post = (action) => {
    if (!action) return;
    const body = new URLSearchParams({ _csrf: root.dataset.csrf ?? '' });
    void window.fetch(action, { method: 'POST', body, credentials: 'same-origin', redirect: 'manual' }).catch(() => {});
  };
  document.addEventListener('keydown', (event) => {
    if (!(event instanceof KeyboardEvent) || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (key === 'ArrowRight' || key === 'PageDown') post(root.dataset.forward);
    else if (key === 'ArrowLeft' || key === 'PageUp') post(root.dataset.back);
    else if (key === 'r') post(root.dataset.toggleResults);
    else if (key === 'q' && slide instanceof HTMLElement && stage instanceof HTMLElement) {
      slide.hidden = !slide.hidden;
      stage.hidden = !slide.hidden;
    } else if (key === 'f') {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
      else void document.documentElement.requestFullscreen?.().catch(() => {});
    } else return;
    event.preventDefault();
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

// A quiz's countdown (phone and big screen). The server refuses answers after the deadline
// whatever this shows; at zero the phone's send button is disabled so nobody sends in vain.
// The server sends the time left rather than a deadline, so a phone's wrong clock does not matter.
for (const el of document.querySelectorAll('[data-countdown-ms]')) {
  if (!(el instanceof HTMLElement)) continue;
  const deadline = Date.now() + Number(el.dataset.countdownMs);
  const seconds = el.querySelector('[data-countdown-seconds]');
  const tick = () => {
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    if (seconds) seconds.textContent = String(left);
    if (left > 0) return;
    window.clearInterval(timer);
    el.textContent = 'Time is up.';
    const button = el.closest('form')?.querySelector('button[type="submit"]');
    if (button instanceof HTMLButtonElement) button.disabled = true;
  };
  const timer = window.setInterval(tick, 250);
  tick();
}
