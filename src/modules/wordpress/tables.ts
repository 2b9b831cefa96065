export interface WordpressItemsTable {
  guid: string;
  wp_id: number;
  /** news | event | page | image | document | person */
  kind: string;
  target_id: number;
  target_url: string;
  content_hash: string;
  imported_at: string;
}

export interface WordpressTables {
  wordpress_items: WordpressItemsTable;
}
