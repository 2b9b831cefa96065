import { extensionPoint, type PagePart } from '../lib/modules.js';

/**
 * What other modules show on the home page: side by side below the introduction (upcoming events, 10; latest news,
 * 20), then across the page (member projects, 10). The home page knows none of them. Declared here beside
 * the layout, not in the home module, because the directory both fills a place and is read by the home page.
 */
export const HOME_COLUMNS = extensionPoint<PagePart<void>>('home.columns');
export const HOME_WIDE = extensionPoint<PagePart<void>>('home.wide');
