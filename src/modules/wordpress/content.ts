import sanitizeHtml from 'sanitize-html';
import TurndownService from 'turndown';

/**
 * WordPress post HTML → the hub's Markdown. WordPress stores a body as HTML with its own
 * additions: paragraphs left as blank lines (the classic editor), shortcodes ([caption],
 * [gallery], [embed]…) and the block editor's <!-- wp:… --> comments. Those are turned into
 * what they mean first, then the HTML is sanitised (the body comes from another system: nothing
 * executable survives) and converted to Markdown.
 */

/** An attachment as a body needs it: for [gallery] and for rewriting links to uploads. */
export interface MediaRef {
  url: string;
  alt: string;
  caption: string;
}

export interface ConversionContext {
  /** The new address of an old one (an upload, a permalink of the old site), or null to keep it. */
  rewriteUrl(url: string): string | null;
  /** Attachments named by id in [gallery ids="…"]. */
  mediaById(id: number): MediaRef | null;
  /** The images attached to this post, for a [gallery] without ids. */
  mediaOfPost(): MediaRef[];
}

const BLOCK_TAG = /^<\/?(p|div|h[1-6]|ul|ol|li|blockquote|pre|table|figure|hr|section|article|aside|header|footer|dl|address|form|iframe|!--)[\s>/]/i;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Attributes of a shortcode: key="value", key='value' or key=value. */
function shortcodeAttributes(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of raw.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g)) {
    attributes[match[1].toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return attributes;
}

function figureHtml(media: MediaRef): string {
  const caption = media.caption ? `<figcaption>${escapeHtml(media.caption)}</figcaption>` : '';
  return `<figure><img src="${escapeHtml(media.url)}" alt="${escapeHtml(media.alt)}">${caption}</figure>`;
}

function embedLink(url: string): string {
  const clean = url.trim();
  return /^https?:\/\//i.test(clean) ? `<p><a href="${escapeHtml(clean)}">${escapeHtml(clean)}</a></p>` : '';
}

/** Shortcodes and block comments → plain HTML that says the same. */
export function expandShortcodes(html: string, context: ConversionContext): string {
  let out = html.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '');
  // [caption …]<img …> The caption text[/caption] (the image may be wrapped in a link).
  out = out.replace(/\[(?:wp_)?caption([^\]]*)\]([\s\S]*?)\[\/(?:wp_)?caption\]/gi, (_all, rawAttributes: string, inner: string) => {
    const image = /<img\b[^>]*>/i.exec(inner)?.[0] ?? '';
    const captionHtml = inner.replace(/<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/i, '').trim();
    const caption = sanitizeHtml(shortcodeAttributes(rawAttributes).caption || captionHtml, { allowedTags: [], allowedAttributes: {} }).trim();
    return `<figure>${image}${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`;
  });
  out = out.replace(/\[gallery([^\]]*)\]/gi, (_all, rawAttributes: string) => {
    const ids = (shortcodeAttributes(rawAttributes).ids ?? '')
      .split(',')
      .map((id) => Number(id.trim()))
      .filter((id) => Number.isInteger(id) && id > 0);
    const media = ids.length ? ids.map((id) => context.mediaById(id)).filter((m): m is MediaRef => m !== null) : context.mediaOfPost();
    return media.map(figureHtml).join('\n\n');
  });
  out = out.replace(/\[embed[^\]]*\]([\s\S]*?)\[\/embed\]/gi, (_all, url: string) => embedLink(url));
  out = out.replace(/\[(?:video|audio)([^\]]*)\](?:[\s\S]*?\[\/(?:video|audio)\])?/gi, (_all, rawAttributes: string) => {
    const attributes = shortcodeAttributes(rawAttributes);
    return embedLink(attributes.src ?? attributes.mp4 ?? attributes.mp3 ?? '');
  });
  // The block editor's embeds: the address alone inside the wrapper.
  out = out.replace(/<figure[^>]*wp-block-embed[^>]*>\s*<div[^>]*wp-block-embed__wrapper[^>]*>\s*(https?:\/\/[^\s<]+)\s*<\/div>([\s\S]*?)<\/figure>/gi, (_all, url: string) => embedLink(url));
  // A bare address on its own line is an oEmbed in WordPress.
  out = out.replace(/^\s*(https?:\/\/[^\s<>"]+)\s*$/gim, (_all, url: string) => embedLink(url));
  // Any other shortcode (a plug-in's form, a page builder's columns…) means nothing here: the tags
  // go, what they wrap stays. Only tags with attributes or a closing twin count, so "[sic]" stays.
  out = out.replace(/\[\/?[a-z][\w-]*(?:\s+[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s\]]+))+\s*\/?\]/gi, '');
  out = out.replace(/\[([a-z][\w-]*)\]([\s\S]*?)\[\/\1\]/gi, '$2');
  return out;
}

/**
 * WordPress's wpautop: in a body written with the classic editor, a blank line separates
 * paragraphs and a single line break is a <br>. Blocks that are already HTML stay as they are.
 */
export function autoParagraphs(html: string): string {
  return html
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => (BLOCK_TAG.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n\n');
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'a', 'img', 'figure', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 'i', 'b', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del', 's', 'sup', 'sub'],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // Script, style and embedded frames disappear with their content; a frame leaves its address.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title'],
  exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href && !frame.text.trim(),
};

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '_' });
// Markdown has no figure: a figure stays HTML (the hub's Markdown renders figure and figcaption),
// which keeps the caption under its image.
turndown.addRule('figure', {
  filter: 'figure',
  replacement: (_content, node) => {
    const element = node as HTMLElement;
    const image = element.querySelector('img');
    if (!image) return `\n\n${turndown.turndown(element.innerHTML)}\n\n`;
    const caption = element.querySelector('figcaption')?.textContent?.trim() ?? '';
    return `\n\n${figureHtml({ url: image.getAttribute('src') ?? '', alt: image.getAttribute('alt') ?? '', caption })}\n\n`;
  },
});
turndown.addRule('table', {
  filter: 'table',
  replacement: (_content, node) => `\n\n${(node as HTMLElement).outerHTML}\n\n`,
});

/** Rewrites every link and image address through the context (uploads and old permalinks → the hub's). */
function rewriteAddresses(html: string, context: ConversionContext): string {
  return sanitizeHtml(html, {
    ...SANITIZE,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: attribs.href ? { ...attribs, href: context.rewriteUrl(attribs.href) ?? attribs.href } : attribs }),
      img: (tagName, attribs) => ({ tagName, attribs: attribs.src ? { ...attribs, src: context.rewriteUrl(attribs.src) ?? attribs.src } : attribs }),
      iframe: (_tagName, attribs) => ({ tagName: 'a', attribs: { href: attribs.src ?? '' }, text: attribs.src ?? '' }),
    },
  });
}

/** A WordPress body → safe Markdown for the hub. */
export function wordpressToMarkdown(html: string, context: ConversionContext): string {
  const expanded = autoParagraphs(expandShortcodes(html, context));
  const safe = rewriteAddresses(expanded, context);
  return turndown
    .turndown(safe)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text of WordPress HTML, for excerpts and summaries. */
export function wordpressToText(html: string, maxLength = 300): string {
  // Only the first paragraph: a summary, not the whole text run together.
  const firstBlock = autoParagraphs(html.replace(/<!--[\s\S]*?-->/g, '')).split(/\n\n/)[0] ?? '';
  const text = sanitizeHtml(firstBlock.replace(/\[\/?[a-z][^\]]*\]/gi, ' ').replace(/<(br|\/p|\/li|\/h\d|\/div)\b[^>]*>/gi, ' '), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxLength - 40))}…`;
}
