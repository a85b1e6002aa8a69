import { decodeEntities } from './html-entities';

/**
 * A forgiving HTML tokenizer for the service worker, which has no DOMParser. It follows the parts of
 * the HTML tokenizer that decide what is markup and what is text (comments, doctypes, raw-text elements
 * like <script>, quoted and unquoted attributes), so a "<link>" written inside a script or a comment
 * is never taken for a tag. It builds no tree and runs nothing.
 */
export type HtmlToken =
  | { type: 'text'; text: string }
  | { type: 'start'; name: string; attrs: ReadonlyMap<string, string>; selfClosing: boolean }
  | { type: 'end'; name: string };

// Elements whose content is text up to their own end tag, whatever it looks like.
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
// Like raw text, but character references in them are still decoded.
const ESCAPABLE_RAW_TEXT = new Set(['title', 'textarea']);

const SPACE = /[\t\n\f\r ]/;
const LETTER = /[A-Za-z]/;

interface StartTag {
  name: string;
  attrs: Map<string, string>;
  selfClosing: boolean;
  end: number;
}

function readUntil(html: string, from: number, stop: (ch: string) => boolean): number {
  let i = from;
  while (i < html.length && !stop(html.charAt(i))) i += 1;
  return i;
}

function skipSpace(html: string, from: number): number {
  return readUntil(html, from, (ch) => !SPACE.test(ch));
}

/** Reads `name attr=value …>` starting just after the '<'. */
function readStartTag(html: string, from: number): StartTag {
  const nameEnd = readUntil(html, from, (ch) => SPACE.test(ch) || ch === '/' || ch === '>');
  const tag: StartTag = { name: html.slice(from, nameEnd).toLowerCase(), attrs: new Map(), selfClosing: false, end: html.length };
  let i = nameEnd;
  while (i < html.length) {
    i = skipSpace(html, i);
    const ch = html.charAt(i);
    if (ch === '>') {
      tag.end = i + 1;
      return tag;
    }
    if (ch === '/') {
      if (html.charAt(i + 1) === '>') {
        tag.selfClosing = true;
        tag.end = i + 2;
        return tag;
      }
      i += 1;
      continue;
    }
    // An attribute name may start with '=' (the spec keeps it as part of the name).
    const attrEnd = readUntil(html, i + 1, (c) => SPACE.test(c) || c === '/' || c === '>' || c === '=');
    const name = html.slice(i, attrEnd).toLowerCase();
    i = skipSpace(html, attrEnd);
    let value = '';
    if (html.charAt(i) === '=') {
      i = skipSpace(html, i + 1);
      const quote = html.charAt(i);
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        const valueEnd = close === -1 ? html.length : close;
        value = html.slice(i + 1, valueEnd);
        i = valueEnd + 1;
      } else {
        const valueEnd = readUntil(html, i, (c) => SPACE.test(c) || c === '>');
        value = html.slice(i, valueEnd);
        i = valueEnd;
      }
    }
    // The first of two attributes with one name wins, as in a browser.
    if (name && !tag.attrs.has(name)) tag.attrs.set(name, decodeEntities(value));
  }
  return tag;
}

const closers = new Map<string, RegExp>();

/** Where the end tag of a raw-text element starts, or the end of the input when it has none. */
function findEndTag(html: string, from: number, name: string): number {
  let pattern = closers.get(name);
  if (!pattern) {
    pattern = new RegExp(`</${name}(?=[\\t\\n\\f\\r />])`, 'gi');
    closers.set(name, pattern);
  }
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  return match ? match.index : html.length;
}

function skipPast(html: string, from: number, marker: string): number {
  const at = html.indexOf(marker, from);
  return at === -1 ? html.length : at + marker.length;
}

export function* tokenizeHtml(html: string): Generator<HtmlToken> {
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      yield { type: 'text', text: decodeEntities(html.slice(i)) };
      return;
    }
    if (lt > i) yield { type: 'text', text: decodeEntities(html.slice(i, lt)) };
    const next = html.charAt(lt + 1);
    if (html.startsWith('<!--', lt)) {
      i = skipPast(html, lt + 4, '-->');
    } else if (next === '!' || next === '?') {
      // Doctype, CDATA in HTML, processing instructions: bogus comments up to the next '>'.
      i = skipPast(html, lt + 2, '>');
    } else if (next === '/') {
      if (LETTER.test(html.charAt(lt + 2))) {
        const nameEnd = readUntil(html, lt + 2, (ch) => SPACE.test(ch) || ch === '/' || ch === '>');
        yield { type: 'end', name: html.slice(lt + 2, nameEnd).toLowerCase() };
      }
      i = skipPast(html, lt + 2, '>');
    } else if (LETTER.test(next)) {
      const tag = readStartTag(html, lt + 1);
      yield { type: 'start', name: tag.name, attrs: tag.attrs, selfClosing: tag.selfClosing };
      i = tag.end;
      const raw = RAW_TEXT.has(tag.name);
      if ((raw || ESCAPABLE_RAW_TEXT.has(tag.name)) && !tag.selfClosing) {
        const close = findEndTag(html, i, tag.name);
        const content = html.slice(i, close);
        if (content) yield { type: 'text', text: raw ? content : decodeEntities(content) };
        if (close < html.length) yield { type: 'end', name: tag.name };
        i = skipPast(html, close, '>');
      }
    } else {
      // A '<' that starts no tag ("a < b") is text.
      yield { type: 'text', text: '<' };
      i = lt + 1;
    }
  }
}
