import { tokenizeHtml } from './html-tokens';
import { safeWebUrl } from './web-url';

/**
 * Turns the HTML of a post, a bio or a feed item into plain text and the links it held, without a DOM.
 * The result is text to be rendered as text: nothing of the markup survives, script and style content
 * is dropped, and only http(s) links are kept (never javascript:, data: or relative ones that cannot
 * be resolved).
 */
export interface TextLink {
  url: string;
  text: string;
  rel: readonly string[];
  classes: readonly string[];
}

export interface HtmlText {
  text: string;
  links: TextLink[];
}

export interface HtmlTextOptions {
  /** Resolves relative hrefs (a feed item's link, xml:base). Without it they are dropped. */
  base?: string;
  /** Elements with one of these classes are left out with their content (Mastodon's "invisible"). */
  hideClasses?: readonly string[];
  /** Elements with one of these classes are followed by "…" (Mastodon's shortened URLs). */
  ellipsisClasses?: readonly string[];
  /** Longer text is cut at a word and ends with "…". */
  maxLength?: number;
}

// Content that is never text a person wrote for reading. (Not <head>: left unclosed, as pages do, it
// would hide everything after it; what it holds is skipped by these anyway.)
const SKIP_CONTENT = new Set([
  'script', 'style', 'template', 'title', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math',
  'select', 'textarea', 'button', 'canvas', 'audio', 'video', 'frameset', 'noembed', 'noframes',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'ul', 'ol', 'dl', 'table', 'figure', 'hr', 'address', 'section', 'article', 'aside', 'header', 'footer', 'nav', 'main']);
const LINE = new Set(['br', 'div', 'li', 'tr', 'dt', 'dd', 'figcaption', 'caption']);

interface Open {
  name: string;
  hidden: boolean;
  ellipsis: boolean;
  link: { url: string; text: string; rel: string[]; classes: string[] } | null;
}

/** Accumulates text, collapsing white space like a browser and turning blocks into line breaks. */
class TextBuilder {
  private out = '';
  private breaks = 0;

  text(raw: string): void {
    // No-break spaces become plain ones: the text is for reading and searching, not for layout.
    let piece = raw.replace(/[\t\n\f\r \u00a0]+/g, ' ');
    if (!piece) return;
    // White space between blocks is no text: it must not spend the pending line breaks.
    if (piece === ' ') {
      if (this.breaks === 0 && this.out && !/[ \n]$/.test(this.out)) this.out += ' ';
      return;
    }
    if (this.breaks > 0 && this.out) {
      this.out = this.out.replace(/[ \n]+$/, '') + '\n'.repeat(this.breaks);
    }
    this.breaks = 0;
    if (!this.out || this.out.endsWith(' ') || this.out.endsWith('\n')) piece = piece.replace(/^ /, '');
    this.out += piece;
  }

  block(lines: number): void {
    this.breaks = Math.max(this.breaks, lines);
  }

  lineBreak(): void {
    this.breaks = Math.min(2, this.breaks + 1);
  }

  result(): string {
    return this.out.trim();
  }
}

function classesOf(attrs: ReadonlyMap<string, string>): string[] {
  return (attrs.get('class') ?? '').split(/[\t\n\f\r ]+/).filter(Boolean);
}

/**
 * Defence in depth for consumers that might treat text as markup (a brief pasted into a Markdown
 * renderer): a '<' that could open a tag gets a zero-width space after it, so no output is ever a tag.
 * Control characters other than line breaks and tabs are dropped.
 */
export function inertText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').replace(/<(?=[A-Za-z!/?])/g, '<\u200B');
}

export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const space = cut.search(/\s\S*$/);
  return `${(space > maxLength / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function htmlToText(html: string, options: HtmlTextOptions = {}): HtmlText {
  const hide = new Set(options.hideClasses ?? []);
  const ellipsis = new Set(options.ellipsisClasses ?? []);
  const builder = new TextBuilder();
  const stack: Open[] = [];
  const links: TextLink[] = [];
  let hiddenDepth = 0;

  const close = (open: Open): void => {
    if (open.hidden) hiddenDepth -= 1;
    if (open.ellipsis && hiddenDepth === 0) builder.text('…');
    if (open.link) links.push({ ...open.link, text: inertText(open.link.text.replace(/\s+/g, ' ').trim()) });
    if (PARAGRAPH.has(open.name)) builder.block(2);
    else if (LINE.has(open.name)) builder.block(1);
  };

  for (const token of tokenizeHtml(html)) {
    if (token.type === 'text') {
      if (hiddenDepth > 0) continue;
      builder.text(token.text);
      for (const open of stack) if (open.link) open.link.text += token.text;
    } else if (token.type === 'start') {
      if (token.name === 'br') {
        if (hiddenDepth === 0) builder.lineBreak();
        continue;
      }
      if (PARAGRAPH.has(token.name)) builder.block(2);
      else if (LINE.has(token.name)) builder.block(1);
      if (VOID.has(token.name) || token.selfClosing) continue;
      const classes = classesOf(token.attrs);
      const hidden = SKIP_CONTENT.has(token.name) || classes.some((name) => hide.has(name));
      const href = token.name === 'a' ? token.attrs.get('href') : undefined;
      const url = href !== undefined ? safeWebUrl(href, options.base) : null;
      const rel = (token.attrs.get('rel') ?? '').toLowerCase().split(/[\t\n\f\r ]+/).filter(Boolean);
      if (hidden) hiddenDepth += 1;
      stack.push({
        name: token.name,
        hidden,
        ellipsis: classes.some((name) => ellipsis.has(name)),
        link: url ? { url, text: '', rel, classes } : null,
      });
    } else {
      // An end tag closes the nearest open element of its name and whatever is still open inside it.
      const at = stack.map((open) => open.name).lastIndexOf(token.name);
      if (at === -1) {
        if (PARAGRAPH.has(token.name) || LINE.has(token.name)) builder.block(token.name === 'p' ? 2 : 1);
        continue;
      }
      for (const open of stack.splice(at).reverse()) close(open);
    }
  }
  for (const open of stack.reverse()) close(open);

  let text = inertText(builder.result());
  if (options.maxLength !== undefined) text = truncateText(text, options.maxLength);
  return { text, links };
}
