import type { BodyLink } from '../../shared/message-body';

/**
 * A message body's own words as plain text, one line per visual line, with its links.
 *
 * - Block elements, `<br>`, table rows and list items end a line; an empty block or a lone `<br>` is an
 *   empty line (kept, at most one in a row: blank lines delimit a signature block).
 * - Table cells of one row are joined with " | " when they hold only inline content; a cell that holds
 *   lines of its own (a `<br>`, a block) stands on its own lines, as it does on screen.
 * - Left out: quoted replies and forwarded parts (see QUOTE_* and the textual cuts), `<style>`,
 *   `<script>`, hidden elements (`hidden`, inline `display:none`, Outlook's `mso-hide:all`) and images,
 *   except that an image inside a link gives its alt text, as text and as the link's text.
 * - Gmail's `.gmail_signature` and Outlook's `#Signature` get a "--" line before them, as the plain-text
 *   part of such a mail has, so a signature keeps its marker once the markup is gone.
 *
 * The body is hostile input: the walk is bounded (depth, nodes, characters, links) and never throws.
 */
export const MAX_BODY_CHARS = 20_000;
export const MAX_BODY_LINKS = 200;
const MAX_DEPTH = 200;
const MAX_NODES = 50_000;
/** Stands for an `<hr>` until the textual cuts have looked for a header block after it. */
const RULE = '\u0000hr';

const SKIPPED = new Set(['style', 'script', 'noscript', 'template', 'title', 'svg', 'object', 'iframe', 'blockquote']);
const BLOCK_NAMES = ('address article aside center dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 ' +
  'header li main nav ol p pre section table tbody thead tfoot tr ul caption').split(' ');
const BLOCKS = new Set(BLOCK_NAMES);
/** A cell holding one of these has lines of its own. */
const CELL_BLOCK = [...BLOCK_NAMES, 'br', 'hr'].join();
/** Class names end so because Gmail prefixes a received mail's classes (`m_123gmail_quote`). */
const QUOTE_CLASS = /(?:gmail_quote|gmail_quote_container|gmail_attr|moz-cite-prefix|moz-forward-container|yahoo_quoted)$/;
const SIGNATURE_CLASS = /gmail_signature$/;
/** Outlook on the web prefixes a received mail's ids with `x_`. */
const STOP_ID = /(?:^|_)(?:divRplyFwdMsg|appendonsend)$/;
const SIGNATURE_ID = /(?:^|_)Signature$/;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|mso-hide\s*:\s*all)/i;

const ORIGINAL_MESSAGE = /^-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado)\s*-{2,}$/i;
const HEADER_FROM = /^(?:from|von|de|da|van)\s*:\s*\S/i;
const HEADER_OTHER = /^(?:sent|gesendet|envoyé|enviado|date|datum|to|an|à|para|cc|subject|betreff|objet|asunto)\s*:/i;
const WROTE = /^(?:on\s.+\swrote|am\s.+\sschrieb.*|le\s.+\sa écrit|el\s.+\sescribió)\s*:$/i;

interface Walk {
  lines: string[];
  current: string;
  links: (BodyLink & { line: number })[];
  nodes: number;
  chars: number;
  stopped: boolean;
  inLink: number;
  inPre: number;
}

interface ReadBody {
  /** What the element held when read: its text length and element count, both counted natively. */
  shape: string;
  body: { text: string; links: BodyLink[] };
}

/**
 * The watcher re-reads the open conversation after every change that matters; a body that has not
 * changed since its last read is not walked again (the walk is the costly part of a read).
 */
const readBodies = new WeakMap<Element, ReadBody>();

export function bodyText(element: Element): { text: string; links: BodyLink[] } {
  let shape: string;
  try {
    shape = `${element.textContent?.length ?? 0}/${element.getElementsByTagName('*').length}`;
  } catch {
    return walkBody(element);
  }
  const known = readBodies.get(element);
  if (known?.shape === shape) return known.body;
  const body = walkBody(element);
  readBodies.set(element, { shape, body });
  return body;
}

function walkBody(element: Element): { text: string; links: BodyLink[] } {
  const walk: Walk = { lines: [], current: '', links: [], nodes: 0, chars: 0, stopped: false, inLink: 0, inPre: 0 };
  try {
    visit(element, walk, 0, baseOf(element));
  } catch {
    // A DOM that throws part-way (a detached node, a hostile getter): keep what was read so far.
  }
  endLine(walk);
  return finish(walk);
}

function baseOf(element: Element): string | undefined {
  try {
    return element.ownerDocument?.baseURI ?? undefined;
  } catch {
    return undefined;
  }
}

function visit(node: Node, walk: Walk, depth: number, base: string | undefined): void {
  if (walk.stopped || depth > MAX_DEPTH || ++walk.nodes > MAX_NODES || walk.chars > MAX_BODY_CHARS) return;
  if (node.nodeType === 3) return addText(walk, node.nodeValue ?? '');
  if (node.nodeType !== 1) return;
  const element = node as Element;
  const tag = element.localName;
  // Empty elements first: they are most of a long body's nodes and need no attribute read.
  if (tag === 'br') return breakLine(walk);
  if (tag === 'img') return linkedImage(element, walk);
  if (tag === 'hr') {
    endLine(walk);
    walk.lines.push(RULE);
    return;
  }
  if (STOP_ID.test(element.id)) {
    walk.stopped = true;
    return;
  }
  if (SKIPPED.has(tag) || hidden(element) || hasClass(element, QUOTE_CLASS)) return;
  if (hasClass(element, SIGNATURE_CLASS) || SIGNATURE_ID.test(element.id)) markSignature(walk);
  const link = tag === 'a' ? linkOf(element, walk, base) : null;
  if (link) walk.inLink++;
  if (tag === 'pre') walk.inPre++;
  const cell = tag === 'td' || tag === 'th';
  const block = BLOCKS.has(tag) || (cell && element.querySelector(CELL_BLOCK) !== null);
  if (block) endLine(walk);
  const separatorAt = cell && !block && walk.current.trim() ? walk.current.length : -1;
  if (separatorAt >= 0) walk.current += ' | ';
  const children = element.childNodes;
  for (let i = 0; i < children.length; i++) visit(children[i] as Node, walk, depth + 1, base);
  if (separatorAt >= 0 && !walk.current.slice(separatorAt + 3).trim()) walk.current = walk.current.slice(0, separatorAt);
  if (block) endLine(walk);
  if (tag === 'pre') walk.inPre--;
  if (link) walk.inLink--;
}

function hasClass(element: Element, pattern: RegExp): boolean {
  const names = element.getAttribute('class');
  return names !== null && names.split(/\s+/).some((name) => pattern.test(name));
}

function hidden(element: Element): boolean {
  return element.hasAttribute('hidden') || HIDDEN_STYLE.test(element.getAttribute('style') ?? '');
}

function addText(walk: Walk, text: string): void {
  if (walk.inPre) {
    const parts = text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) breakLine(walk);
      append(walk, part);
    });
  } else append(walk, text);
}

function append(walk: Walk, text: string): void {
  const collapsed = text.replace(/(?:[\s\u00a0\ufeff\u200b]|\u200c|\u200d)+/g, ' ');
  walk.current += collapsed;
  walk.chars += collapsed.length;
}

function linkedImage(image: Element, walk: Walk): void {
  const alt = image.getAttribute('alt')?.trim();
  if (walk.inLink && alt) append(walk, ` ${alt} `);
}

/** A `<br>`: the line ends here even when empty. */
function breakLine(walk: Walk): void {
  walk.lines.push(walk.current.replace(/ {2,}/g, ' ').trim());
  walk.current = '';
}

/** A block's edge: the line ends here unless nothing is on it. */
function endLine(walk: Walk): void {
  if (walk.current.trim()) breakLine(walk);
  walk.current = '';
}

function markSignature(walk: Walk): void {
  endLine(walk);
  // Gmail's own "-- " prefix is a line or two above; a bounded look keeps a hostile body linear.
  const previous = walk.lines.slice(-4).filter((line) => line !== '' && line !== RULE).at(-1);
  if (previous !== '--') walk.lines.push('--');
}

function linkOf(anchor: Element, walk: Walk, base: string | undefined): BodyLink | null {
  if (walk.links.length >= MAX_BODY_LINKS) return null;
  const raw = anchor.getAttribute('href')?.trim() ?? '';
  const href = raw && !raw.startsWith('#') ? absolute(raw, base) : null;
  if (!href) return null;
  const written = (anchor.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
  const text = (written || anchor.querySelector('img[alt]')?.getAttribute('alt')?.trim() || '').slice(0, 300);
  const link = { href, text };
  walk.links.push({ ...link, line: walk.lines.length });
  return link;
}

/** An http(s), mailto or tel URL, absolute; an Outlook Safe Links redirect gives the address it wraps. */
function absolute(href: string, base: string | undefined): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (!['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol)) return null;
  const wrapped = url.hostname.endsWith('safelinks.protection.outlook.com') ? url.searchParams.get('url') : null;
  return wrapped && /^https?:\/\//i.test(wrapped) ? absolute(wrapped, undefined) : url.href.slice(0, 2_000);
}

/** Textual quote markers (plain-text replies, forwarded headers), blank runs, the caps. */
function finish(walk: Walk): { text: string; links: BodyLink[] } {
  const { lines } = walk;
  const cut = quoteStart(lines);
  const kept: string[] = [];
  for (const line of lines.slice(0, cut)) {
    if (line === RULE || line.startsWith('>')) continue;
    if (line === '' && (kept.length === 0 || kept.at(-1) === '')) continue;
    kept.push(line);
  }
  while (kept.at(-1) === '') kept.pop();
  return {
    text: kept.join('\n').slice(0, MAX_BODY_CHARS),
    links: walk.links.filter((link) => cut === lines.length || link.line < cut).map(({ href, text }) => ({ href, text })),
  };
}

function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (ORIGINAL_MESSAGE.test(line) || WROTE.test(line)) return i;
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 5).some((next) => HEADER_OTHER.test(next))) {
      return lines[i - 1] === RULE ? i - 1 : i;
    }
    if (line === RULE) {
      let next = i + 1;
      while (lines[next] === '') next++;
      if (HEADER_FROM.test(lines[next] ?? '')) return i;
    }
  }
  return lines.length;
}
