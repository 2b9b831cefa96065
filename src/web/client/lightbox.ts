// Lightbox enhancement: arrow keys and Escape follow the photo page's own links (which work without this script).
const nav = document.querySelector<HTMLElement>('.lightbox-nav');
if (nav && !nav.dataset.started) {
  nav.dataset.started = 'true';
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || (event.target as HTMLElement).closest('input, textarea, select')) return;
    const link = nav.querySelector<HTMLAnchorElement>(`a[data-key="${event.key}"]`);
    if (link) {
      event.preventDefault();
      link.click();
    }
  });
}
