import type { Generated } from 'kysely';

export interface DocumentsTable {
  id: Generated<number>;
  title: string;
  authors: string;
  description: string;
  licence: string;
  /** YYYY-MM-DD: when the document was issued or presented. */
  doc_date: string | null;
  /** pdf | slides | document | spreadsheet | image | link */
  category: string;
  /** Set for links to documents kept elsewhere (then there are no versions). */
  external_url: string | null;
  /** Where it is attached: none of the three = the hub itself. */
  project_id: number | null;
  event_id: number | null;
  item_id: number | null;
  current_version: number;
  download_count: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface DocumentVersionsTable {
  id: Generated<number>;
  document_id: number;
  version: number;
  /** Key in the file store (content address), never a path. */
  storage_key: string;
  /** Cleaned name offered on download. */
  file_name: string;
  media_type: string;
  size_bytes: number;
  /** pending (a job reads it) | extracted | not_extracted | not_applicable */
  text_status: string;
  text: string | null;
  uploaded_by: number | null;
  created_at: string;
}

export interface GalleriesTable {
  id: Generated<number>;
  event_id: number;
  title: string;
  description: string;
  created_by: number | null;
  created_at: string;
}

export interface GalleryPhotosTable {
  id: Generated<number>;
  gallery_id: number;
  position: number;
  alt: string;
  caption: string;
  web_key: string;
  thumb_key: string;
  width: number;
  height: number;
  thumb_width: number;
  thumb_height: number;
  created_at: string;
}

/** Downloads of a document on one UTC day, so the report can count a period. */
export interface DocumentDownloadDaysTable {
  day: string;
  document_id: number;
  downloads: number;
}

export interface LibraryTables {
  document_download_days: DocumentDownloadDaysTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  galleries: GalleriesTable;
  gallery_photos: GalleryPhotosTable;
}
