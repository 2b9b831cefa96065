// @ts-check
/* global document, fetch, FormData, URLSearchParams, HTMLElement, HTMLFormElement, HTMLInputElement, HTMLButtonElement */
/**
 * Check-in at the door, progressive enhancement: the screen already works with a search form and one form post per
 * tap; this filters the list as you type (without accents, like the server) and checks people in or out without
 * reloading, keeping the counts at the top up to date.
 */

/** @param {string} text */
const folded = (text) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** @param {HTMLElement} root */
function start(root) {
  if (root.dataset.doorStarted === '1') return;
  root.dataset.doorStarted = '1';
  const filter = root.querySelector('[data-door-filter]');
  const none = root.querySelector('[data-door-none]');
  const problem = root.querySelector('[data-door-problem]');
  const people = /** @type {HTMLElement[]} */ ([...root.querySelectorAll('[data-door-person]')]);

  if (filter instanceof HTMLInputElement) {
    const apply = () => {
      const q = folded(filter.value.trim());
      let shown = 0;
      for (const li of people) {
        const match = !q || (li.dataset.search ?? '').includes(q);
        li.hidden = !match;
        if (match) shown++;
      }
      if (none instanceof HTMLElement) none.hidden = shown > 0;
    };
    filter.addEventListener('input', apply);
    apply();
  }

  root.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-door-toggle')) return;
    event.preventDefault();
    const button = form.querySelector('button');
    const present = form.querySelector('input[name="present"]');
    if (!(button instanceof HTMLButtonElement) || !(present instanceof HTMLInputElement)) return;
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { accept: 'application/json' },
        body: new URLSearchParams(/** @type {any} */ (new FormData(form))),
      });
      /** @type {{ present?: boolean, time?: string | null, checkedIn?: number, expected?: number, error?: { message: string } }} */
      const data = await response.json();
      if (!response.ok) throw new Error(data.error?.message ?? 'That did not work; try again.');
      const name = (form.closest('[data-door-person]')?.querySelector('strong')?.textContent ?? '').trim();
      present.value = data.present ? 'no' : 'yes';
      button.textContent = data.present ? `✓ ${data.time ?? ''} · Undo` : 'Check in';
      button.setAttribute('aria-label', data.present ? `Undo check-in of ${name}` : `Check in ${name}`);
      button.classList.toggle('secondary', Boolean(data.present));
      form.closest('[data-door-person]')?.classList.toggle('checked-in', Boolean(data.present));
      for (const el of root.querySelectorAll('[data-door-checked]')) el.textContent = String(data.checkedIn);
      for (const el of root.querySelectorAll('[data-door-expected]')) el.textContent = String(data.expected);
      if (problem instanceof HTMLElement) problem.hidden = true;
    } catch (error) {
      if (problem instanceof HTMLElement) {
        problem.textContent = error instanceof Error ? error.message : String(error);
        problem.hidden = false;
      }
    } finally {
      button.disabled = false;
    }
  });
}

for (const root of document.querySelectorAll('[data-door]')) {
  if (root instanceof HTMLElement) start(root);
}
