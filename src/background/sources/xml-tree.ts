import { XMLParser } from 'fast-xml-parser';
import { decodeEntities } from './html-entities';
import { InvalidResponseError } from './source';

/**
 * XML text to a small typed tree with namespaces resolved, for feed parsing in the service worker.
 * fast-xml-parser does the tokenizing (it is forgiving of the unclosed tags and stray processing
 * instructions real feeds have); this file only reshapes its output. Its entity expansion is off:
 * DOCTYPE entities are never expanded (no "billion laughs"), and character references are decoded here,
 * including the HTML names feeds use without declaring them.
 */
export interface XmlElement {
  /** The qualified name as written, e.g. `content:encoded`. */
  name: string;
  local: string;
  /** The namespace URI the prefix (or default namespace) stands for; '' when none. */
  ns: string;
  attrs: ReadonlyMap<string, string>;
  children: XmlNode[];
}

export interface XmlText {
  text: string;
}

export type XmlNode = XmlElement | XmlText;

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRS = ':@';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: false,
  htmlEntities: false,
});

export function isElement(node: XmlNode): node is XmlElement {
  return 'local' in node;
}

type Scope = ReadonlyMap<string, string>;

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function convert(raw: unknown, scope: Scope, out: XmlNode[]): void {
  const node = record(raw);
  if (!node) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === ATTRS) continue;
    if (key === TEXT) {
      out.push({ text: decodeEntities(String(value)) });
    } else if (key === CDATA) {
      // CDATA holds its text as written: no references to decode.
      for (const part of Array.isArray(value) ? value : []) out.push({ text: String(record(part)?.[TEXT] ?? '') });
    } else {
      out.push(element(key, record(node[ATTRS]), value, scope));
    }
  }
}

function element(name: string, rawAttrs: Record<string, unknown> | null, children: unknown, parentScope: Scope): XmlElement {
  const attrs = new Map<string, string>();
  let scope = parentScope;
  for (const [attr, value] of Object.entries(rawAttrs ?? {})) {
    // An attribute written without a value arrives as `true`.
    const text = typeof value === 'string' ? decodeEntities(value) : '';
    attrs.set(attr, text);
    if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(attr === 'xmlns' ? '' : attr.slice(6), text);
    }
  }
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? '' : name.slice(0, colon);
  const result: XmlElement = {
    name,
    local: colon === -1 ? name : name.slice(colon + 1),
    ns: prefix === 'xml' ? XML_NS : scope.get(prefix) ?? '',
    attrs,
    children: [],
  };
  for (const child of Array.isArray(children) ? children : []) convert(child, scope, result.children);
  return result;
}

/** The document element, or an InvalidResponseError when the text holds no XML element. */
export function parseXml(text: string): XmlElement {
  let raw: unknown;
  try {
    raw = parser.parse(text);
  } catch (error) {
    throw new InvalidResponseError(`not XML: ${(error as Error).message.slice(0, 120)}`);
  }
  const top: XmlNode[] = [];
  for (const node of Array.isArray(raw) ? raw : []) convert(node, new Map(), top);
  const root = top.find(isElement);
  if (!root) throw new InvalidResponseError('no XML element');
  return root;
}

export function childElements(parent: XmlElement): XmlElement[] {
  return parent.children.filter(isElement);
}

/** All text inside an element, markup dropped (for plain-text fields). */
export function textContent(node: XmlNode): string {
  if (!isElement(node)) return node.text;
  return node.children.map(textContent).join('');
}

/** An attribute by its local name, whatever prefix the feed gave it (rdf:about, about). */
export function attrByLocalName(el: XmlElement, local: string): string | undefined {
  const exact = el.attrs.get(local);
  if (exact !== undefined) return exact;
  for (const [name, value] of el.attrs) if (name.endsWith(`:${local}`)) return value;
  return undefined;
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Children written back as markup, for Atom's inline XHTML content (read by the HTML-to-text converter). */
export function innerMarkup(el: XmlElement): string {
  return el.children.map((node) => {
    if (!isElement(node)) return escapeMarkup(node.text);
    const attrs = [...node.attrs].map(([name, value]) => ` ${name}="${escapeMarkup(value)}"`).join('');
    return `<${node.local}${attrs}>${innerMarkup(node)}</${node.local}>`;
  }).join('');
}
