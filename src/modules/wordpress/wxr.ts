import fs from 'node:fs';
import { SaxesParser } from 'saxes';

/**
 * A streaming reader of WordPress eXtended RSS (WXR 1.0–1.2), the file of Tools → Export. The
 * file is read in chunks and each <item> handed on as soon as it closes, so memory stays bounded
 * by the largest item, whatever the size of the export.
 */

export interface WxrAuthor {
  id: number;
  login: string;
  email: string;
  displayName: string;
}

export interface WxrChannel {
  title: string;
  link: string;
  wxrVersion: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  authors: WxrAuthor[];
}

export interface WxrTerm {
  domain: string;
  nicename: string;
  name: string;
}

export interface WxrItem {
  title: string;
  link: string;
  creator: string;
  guid: string;
  content: string;
  excerpt: string;
  wpId: number;
  postDate: string;
  postDateGmt: string;
  postName: string;
  status: string;
  parentId: number;
  menuOrder: number;
  postType: string;
  isSticky: boolean;
  attachmentUrl: string;
  terms: WxrTerm[];
  meta: Record<string, string>;
}

/** Why a file cannot be imported; the message is meant for the person who ran the command. */
export class WxrError extends Error {}

/** One text field larger than this is not a post but a broken or hostile file. */
const MAX_FIELD_CHARS = 32 * 1024 * 1024;

function emptyItem(): WxrItem {
  return {
    title: '',
    link: '',
    creator: '',
    guid: '',
    content: '',
    excerpt: '',
    wpId: 0,
    postDate: '',
    postDateGmt: '',
    postName: '',
    status: '',
    parentId: 0,
    menuOrder: 0,
    postType: '',
    isSticky: false,
    attachmentUrl: '',
    terms: [],
    meta: {},
  };
}

/** Sets the item field an element of <item> carries; elements the import does not use are ignored. */
function setItemField(item: WxrItem, name: string, text: string): void {
  switch (name) {
    case 'title':
      item.title = text.trim();
      break;
    case 'link':
      item.link = text.trim();
      break;
    case 'dc:creator':
      item.creator = text.trim();
      break;
    case 'guid':
      item.guid = text.trim();
      break;
    case 'content:encoded':
      item.content = text;
      break;
    case 'excerpt:encoded':
      item.excerpt = text;
      break;
    case 'wp:post_id':
      item.wpId = Number(text.trim()) || 0;
      break;
    case 'wp:post_date':
      item.postDate = text.trim();
      break;
    case 'wp:post_date_gmt':
      item.postDateGmt = text.trim();
      break;
    case 'wp:post_name':
      item.postName = text.trim();
      break;
    case 'wp:status':
      item.status = text.trim();
      break;
    case 'wp:post_parent':
      item.parentId = Number(text.trim()) || 0;
      break;
    case 'wp:menu_order':
      item.menuOrder = Number(text.trim()) || 0;
      break;
    case 'wp:post_type':
      item.postType = text.trim();
      break;
    case 'wp:is_sticky':
      item.isSticky = text.trim() === '1';
      break;
    case 'wp:attachment_url':
      item.attachmentUrl = text.trim();
      break;
  }
}

function setAuthorField(author: WxrAuthor, name: string, text: string): void {
  if (name === 'wp:author_id') author.id = Number(text.trim()) || 0;
  else if (name === 'wp:author_login') author.login = text.trim();
  else if (name === 'wp:author_email') author.email = text.trim();
  else if (name === 'wp:author_display_name') author.displayName = text.trim();
}

export type WxrEntry = { type: 'channel'; channel: WxrChannel } | { type: 'item'; item: WxrItem };

/**
 * Reads a WXR file and yields the channel (once, before the first item) and then every item.
 * Throws WxrError with the line and column when the XML is malformed or truncated, or when the file
 * is not a WordPress export.
 */
export async function* readWxr(file: string, options: { chunkSize?: number } = {}): AsyncGenerator<WxrEntry> {
  let stream: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: options.chunkSize ?? 256 * 1024 });
  } catch {
    throw new WxrError(`Cannot read ${file}: no such file, or no permission to read it.`);
  }
  const parser = new SaxesParser({ position: true });
  const queue: WxrEntry[] = [];
  const stack: string[] = [];
  let text = '';
  let sawRoot = false;
  let isWordpress = false;
  let channelSent = false;
  const channel: WxrChannel = { title: '', link: '', wxrVersion: '', baseSiteUrl: '', baseBlogUrl: '', authors: [] };
  let author: WxrAuthor | null = null;
  let item: WxrItem | null = null;
  let metaKey = '';
  let metaValue = '';
  let term: WxrTerm | null = null;

  const fail = (message: string): never => {
    throw new WxrError(`${message} (line ${parser.line}, column ${parser.column})`);
  };
  const sendChannel = () => {
    if (channelSent) return;
    if (!isWordpress || !channel.wxrVersion) {
      fail('This is an RSS feed, not a WordPress export: it has no <wp:wxr_version>. Export the site with Tools → Export in WordPress');
    }
    channelSent = true;
    queue.push({ type: 'channel', channel });
  };

  parser.on('doctype', () => fail('The file declares a DOCTYPE; a WordPress export never does, so it is not read'));
  parser.on('opentag', (tag) => {
    const name = tag.name;
    if (!sawRoot) {
      sawRoot = true;
      if (name !== 'rss') fail(`This is not a WordPress export: the file starts with <${name}>, a WordPress export with <rss>`);
      isWordpress = Object.entries(tag.attributes).some(([key, value]) => key === 'xmlns:wp' && /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/$/.test(String(value)));
    }
    const parent = stack[stack.length - 1];
    stack.push(name);
    text = '';
    if (name === 'item' && parent === 'channel') {
      sendChannel();
      item = emptyItem();
    } else if (name === 'wp:author' && parent === 'channel') {
      author = { id: 0, login: '', email: '', displayName: '' };
    } else if (item && name === 'category' && parent === 'item') {
      term = { domain: String(tag.attributes.domain ?? ''), nicename: String(tag.attributes.nicename ?? ''), name: '' };
    } else if (item && name === 'wp:postmeta') {
      metaKey = '';
      metaValue = '';
    }
  });
  const addText = (chunk: string) => {
    text += chunk;
    if (text.length > MAX_FIELD_CHARS) fail(`An element <${stack[stack.length - 1]}> is larger than ${MAX_FIELD_CHARS / 1024 / 1024} MB of text`);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', (tag) => {
    const name = tag.name;
    stack.pop();
    const parent = stack[stack.length - 1];
    if (item) {
      if (name === 'item') {
        queue.push({ type: 'item', item });
        item = null;
      } else if (parent === 'item' && name === 'category' && term) {
        term.name = text.trim();
        if (term.name) item.terms.push(term);
        term = null;
      } else if (name === 'wp:postmeta') {
        if (metaKey) item.meta[metaKey] = metaValue;
      } else if (parent === 'item') {
        setItemField(item, name, text);
      } else if (parent === 'wp:postmeta') {
        if (name === 'wp:meta_key') metaKey = text.trim();
        else if (name === 'wp:meta_value') metaValue = text;
      }
    } else if (author) {
      if (name === 'wp:author') {
        channel.authors.push(author);
        author = null;
      } else setAuthorField(author, name, text);
    } else if (parent === 'channel') {
      if (name === 'title') channel.title = text.trim();
      else if (name === 'link') channel.link = text.trim();
      else if (name === 'wp:wxr_version') channel.wxrVersion = text.trim();
      else if (name === 'wp:base_site_url') channel.baseSiteUrl = text.trim();
      else if (name === 'wp:base_blog_url') channel.baseBlogUrl = text.trim();
    } else if (name === 'channel') {
      sendChannel();
    }
    text = '';
  });

  const write = (chunk: string | null) => {
    try {
      if (chunk === null) parser.close();
      else parser.write(chunk);
    } catch (error) {
      if (error instanceof WxrError) throw error;
      const message = error instanceof Error ? error.message.replace(/^[^:]*:(\d+):(\d+): /, '') : String(error);
      throw new WxrError(`The file is not well-formed XML (it may be truncated or damaged): ${message} (line ${parser.line}, column ${parser.column})`);
    }
  };

  try {
    for await (const chunk of stream) {
      write(chunk as string);
      while (queue.length) yield queue.shift()!;
    }
  } finally {
    stream.destroy();
  }
  write(null);
  if (!sawRoot) throw new WxrError('The file is empty or holds no XML.');
  sendChannel();
  while (queue.length) yield queue.shift()!;
}
