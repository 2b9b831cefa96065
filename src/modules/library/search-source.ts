import type { SearchSource } from '../search/service.js';
import { librarySearchEntries } from './service.js';

/** Documents and their extracted text; each is indexed as it is saved, and follows its event's publication (a job). */
export const librarySearchSource: SearchSource = { entries: librarySearchEntries };
