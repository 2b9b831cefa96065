// @ts-check
/* global document, HTMLElement, HTMLInputElement, HTMLButtonElement, window, PointerEvent, KeyboardEvent */
/**
 * The phone's answer forms, enhanced. The forms work without this (position drop-downs, number
 * fields, sliders); with it, a ranking is made by tapping items in order (tap a ranked item again
 * to take it back) or by dragging ranked items into place, the points still to share are shown as
 * they are typed, and each slider shows its value. The underlying fields are kept in step, so the
 * same form is sent.
 */

/** @param {HTMLElement} fieldset */
function enhanceRanking(fieldset) {
  const selects = /** @type {HTMLSelectElement[]} */ ([...fieldset.querySelectorAll('select[data-item]')]);
  const fallback = fieldset.querySelector('[data-ranking-selects]');
  const hint = fieldset.querySelector('[data-ranking-hint]');
  if (!(fallback instanceof HTMLElement) || selects.length === 0) return;
  /** Item indices in the order given so far. */
  let order = selects
    .map((select, item) => ({ item, position: Number(select.value) }))
    .filter((e) => e.position > 0)
    .sort((a, b) => a.position - b.position)
    .map((e) => e.item);

  fallback.hidden = true;
  if (hint) hint.textContent = 'Tap the items in order of importance, the most important first. Tap a ranked item again to take it back; drag ranked items to reorder.';
  const ranked = document.createElement('ol');
  ranked.className = 'rank-list rank-chosen';
  ranked.setAttribute('aria-label', 'Your ranking');
  const pool = document.createElement('ul');
  pool.className = 'rank-list rank-pool';
  pool.setAttribute('aria-label', 'Items still to rank');
  const status = document.createElement('p');
  status.className = 'rank-status';
  status.setAttribute('aria-live', 'polite');
  fieldset.append(ranked, pool, status);

  const label = (/** @type {number} */ item) => selects[item].dataset.item ?? '';

  /**
   * An item's button: in the ranking with its position, or still to rank.
   * @param {number} item
   * @param {number | null} position
   */
  const itemButton = (item, position) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = position === null ? 'rank-item' : 'rank-item is-ranked';
    button.dataset.item = String(item);
    button.setAttribute('aria-pressed', String(position !== null));
    const badge = document.createElement('span');
    badge.className = 'rank-badge';
    badge.setAttribute('aria-hidden', 'true');
    badge.textContent = position === null ? '' : String(position);
    const text = document.createElement('span');
    text.className = 'rank-label';
    text.textContent = label(item);
    button.append(badge, text);
    return button;
  };

  /** @param {number | null} focusItem the item whose button gets focus after redrawing */
  const render = (focusItem) => {
    selects.forEach((select) => (select.value = ''));
    order.forEach((item, p) => (selects[item].value = String(p + 1)));
    ranked.replaceChildren(
      ...order.map((item, p) => {
        const li = document.createElement('li');
        li.dataset.item = String(item);
        const handle = document.createElement('span');
        handle.className = 'rank-handle';
        handle.setAttribute('aria-hidden', 'true');
        handle.textContent = '⠿';
        const button = itemButton(item, p + 1);
        button.setAttribute('aria-label', `${p + 1}. ${label(item)}. Tap to take back; Alt and arrow keys move it.`);
        li.append(handle, button);
        return li;
      }),
    );
    const left = selects.map((_, item) => item).filter((item) => !order.includes(item));
    pool.replaceChildren(
      ...left.map((item) => {
        const li = document.createElement('li');
        li.append(itemButton(item, null));
        return li;
      }),
    );
    pool.hidden = left.length === 0;
    status.textContent = left.length === 0 ? `All ${order.length} items ranked.` : `${order.length} of ${selects.length} ranked.`;
    if (focusItem !== null) {
      const target = fieldset.querySelector(`.rank-pool button`) ?? fieldset.querySelector(`button[data-item="${focusItem}"]`);
      if (target instanceof HTMLElement) target.focus();
    }
  };

  fieldset.addEventListener('click', (event) => {
    const button = event.target instanceof HTMLElement ? event.target.closest('button.rank-item') : null;
    if (!(button instanceof HTMLButtonElement) || suppressClick) return;
    const item = Number(button.dataset.item);
    const wasRanked = order.includes(item);
    order = wasRanked ? order.filter((i) => i !== item) : [...order, item];
    render(item);
    status.textContent = `${wasRanked ? `${label(item)} taken back.` : `${label(item)}: position ${order.length}.`} ${status.textContent}`;
  });

  fieldset.addEventListener('keydown', (event) => {
    if (!(event instanceof KeyboardEvent) || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const button = event.target instanceof HTMLElement ? event.target.closest('button.is-ranked') : null;
    if (!(button instanceof HTMLButtonElement)) return;
    const item = Number(button.dataset.item);
    const at = order.indexOf(item);
    const to = at + (event.key === 'ArrowUp' ? -1 : 1);
    if (to < 0 || to >= order.length) return;
    event.preventDefault();
    order.splice(at, 1);
    order.splice(to, 0, item);
    render(null);
    /** @type {HTMLElement | null} */ (ranked.querySelector(`button[data-item="${item}"]`))?.focus();
    status.textContent = `${label(item)}: position ${to + 1}.`;
  });

  // Dragging a ranked item (by its handle or the item itself) reorders the list; a drag that
  // moved is not also a tap.
  let suppressClick = false;
  ranked.addEventListener('pointerdown', (event) => {
    const li = event.target instanceof HTMLElement ? event.target.closest('li') : null;
    if (!(event instanceof PointerEvent) || !(li instanceof HTMLElement) || !event.isPrimary) return;
    const startY = event.clientY;
    let dragging = false;
    const item = Number(li.dataset.item);
    /** @param {PointerEvent} move */
    const onMove = (move) => {
      if (!dragging && Math.abs(move.clientY - startY) < 8) return;
      if (!dragging) {
        dragging = true;
        li.classList.add('dragging');
        li.setPointerCapture(event.pointerId);
      }
      move.preventDefault();
      const siblings = [...ranked.children].filter((c) => c !== li);
      const before = siblings.find((c) => {
        const box = c.getBoundingClientRect();
        return move.clientY < box.top + box.height / 2;
      });
      ranked.insertBefore(li, before ?? null);
    };
    const onUp = () => {
      li.removeEventListener('pointermove', onMove);
      li.removeEventListener('pointerup', onUp);
      li.removeEventListener('pointercancel', onUp);
      if (!dragging) return;
      li.classList.remove('dragging');
      order = [...ranked.children].map((c) => Number(/** @type {HTMLElement} */ (c).dataset.item));
      suppressClick = true;
      window.setTimeout(() => (suppressClick = false), 0);
      render(null);
      status.textContent = `${label(item)}: position ${order.indexOf(item) + 1}.`;
    };
    li.addEventListener('pointermove', onMove);
    li.addEventListener('pointerup', onUp);
    li.addEventListener('pointercancel', onUp);
  });

  render(null);
}

/** @param {HTMLElement} fieldset */
function enhancePoints(fieldset) {
  const budget = Number(fieldset.dataset.points);
  const inputs = /** @type {HTMLInputElement[]} */ ([...fieldset.querySelectorAll('input[type="number"]')]);
  const left = fieldset.querySelector('[data-points-left]');
  if (!(left instanceof HTMLElement)) return;
  left.hidden = false;
  const update = () => {
    const total = inputs.reduce((sum, input) => sum + (Number(input.value) || 0), 0);
    const rest = budget - total;
    left.textContent = rest === 0 ? `All ${budget} points shared.` : rest > 0 ? `${rest} of ${budget} points left to share.` : `${-rest} points too many: take some back.`;
    left.classList.toggle('over', rest < 0);
    left.classList.toggle('done', rest === 0);
  };
  fieldset.addEventListener('input', update);
  update();
}

/** @param {HTMLInputElement} range */
function showRangeValue(range) {
  const output = range.parentElement?.querySelector('[data-range-output]');
  if (output) range.addEventListener('input', () => (output.textContent = range.value));
}

for (const el of document.querySelectorAll('[data-ranking]')) if (el instanceof HTMLElement) enhanceRanking(el);
for (const el of document.querySelectorAll('[data-points]')) if (el instanceof HTMLElement) enhancePoints(el);
for (const el of document.querySelectorAll('input[type="range"]')) if (el instanceof HTMLInputElement) showRangeValue(el);
