import { parseFeedDate } from './feed-date';
import { htmlToText, inertText, truncateText } from './html-to-text';
import { InvalidResponseError } from './source';
import { safeWebUrl } from './web-url';
import { attrByLocalName, childElements, innerMarkup, parseXml, textContent, type XmlElement } from './xml-tree';

/**
 * RSS 2.0 / 0.9x, RSS 1.0 (RDF) and Atom to plain-text items, without a DOM. Everything a feed says is
 * reduced to text and checked http(s) links; relative links are resolved against xml:base and the
 * feed's own URL.
 */
export interface FeedItem {
  /** Stable within the feed: guid, Atom id, rdf:about, else the link, else the title. */
  key: string;
  title: string;
  summary: string;
  link: string | null;
  publishedAt: number;
  /** False when the feed gave no usable date and publishedAt keeps the feed's order instead. */
  dated: boolean;
}

export interface ParsedFeed {
  format: 'rss' | 'rdf' | 'atom';
  title: string;
  link: string | null;
  items: FeedItem[];
}

const ATOM = new Set(['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#']);
const RSS = new Set(['', 'http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/', 'http://backend.userland.com/rss2']);
const CONTENT = 'http://purl.org/rss/1.0/modules/content/';
const DC = 'http://purl.org/dc/elements/1.1/';
const DC_TERMS = 'http://purl.org/dc/terms/';

/** Summaries are a glimpse of the item; full articles stay on the site. */
const SUMMARY_LENGTH = 500;

function child(parent: XmlElement, local: string, namespaces: ReadonlySet<string>): XmlElement | undefined {
  return childElements(parent).find((el) => el.local === local && namespaces.has(el.ns));
}

function children(parent: XmlElement, local: string, namespaces: ReadonlySet<string>): XmlElement[] {
  return childElements(parent).filter((el) => el.local === local && namespaces.has(el.ns));
}

/** The base URL in force inside `el`: its xml:base resolved against the one around it. */
function baseOf(el: XmlElement, outer: string): string {
  const declared = el.attrs.get('xml:base');
  if (!declared) return outer;
  try {
    return new URL(declared.trim(), outer).href;
  } catch {
    return outer;
  }
}

/** A link written in the feed, resolved; an empty one is no link (it would resolve to the base itself). */
function linkFrom(href: string | undefined, base: string): string | null {
  const trimmed = href?.trim();
  return trimmed ? safeWebUrl(trimmed, base) : null;
}

function plain(text: string): string {
  return inertText(text.replace(/\s+/g, ' ').trim());
}

/** Text that RSS leaves ambiguous (titles often hold entities or tags): read as HTML, kept as text. */
function htmlish(el: XmlElement | undefined, maxLength?: number): string {
  if (!el) return '';
  return htmlToText(textContent(el), maxLength === undefined ? {} : { maxLength }).text;
}

/** An Atom text construct (type text, html or xhtml) as plain text. */
function atomText(el: XmlElement | undefined, base?: string, maxLength?: number): string {
  if (!el) return '';
  const type = (el.attrs.get('type') ?? 'text').toLowerCase();
  const options = { ...(base === undefined ? {} : { base }), ...(maxLength === undefined ? {} : { maxLength }) };
  if (type === 'xhtml') {
    const div = childElements(el).find((node) => node.local === 'div');
    return htmlToText(innerMarkup(div ?? el), options).text;
  }
  if (type === 'html' || type === 'text/html') return htmlToText(textContent(el), options).text;
  const text = plain(textContent(el));
  return maxLength === undefined ? text : truncateText(text, maxLength);
}

function firstDate(candidates: Array<XmlElement | undefined>): number | null {
  for (const el of candidates) {
    const date = el ? parseFeedDate(textContent(el)) : null;
    if (date !== null) return date;
  }
  return null;
}

interface Draft {
  key: string;
  title: string;
  summary: string;
  link: string | null;
  date: number | null;
}

function rssItem(item: XmlElement, outer: string): Draft {
  const base = baseOf(item, outer);
  const linkEl = child(item, 'link', RSS);
  const guidEl = child(item, 'guid', RSS);
  const guid = guidEl ? textContent(guidEl).trim() : '';
  const atomLink = children(item, 'link', ATOM).find((el) => (el.attrs.get('rel') ?? 'alternate') === 'alternate');
  // A guid is the item's address unless it says otherwise (isPermaLink="false"), and only when it is a
  // whole URL: feeds that forget the attribute use numbers too.
  const guidIsLink = guidEl !== undefined && guidEl.attrs.get('isPermaLink') !== 'false' && /^https?:\/\//i.test(guid);
  const link = (linkEl && linkFrom(textContent(linkEl), baseOf(linkEl, base)))
    ?? (atomLink && linkFrom(atomLink.attrs.get('href'), baseOf(atomLink, base)))
    ?? (guidIsLink ? linkFrom(guid, base) : null);
  const description = child(item, 'description', RSS);
  const encoded = child(item, 'encoded', new Set([CONTENT]));
  const summarySource = description && textContent(description).trim() ? description : encoded;
  const title = htmlish(child(item, 'title', RSS));
  return {
    key: guid || attrByLocalName(item, 'about') || link || title,
    title,
    summary: summarySource ? htmlToText(textContent(summarySource), { base, maxLength: SUMMARY_LENGTH }).text : '',
    link,
    date: firstDate([child(item, 'pubDate', RSS), child(item, 'date', new Set([DC])), child(item, 'issued', new Set([DC_TERMS])), child(item, 'published', ATOM), child(item, 'updated', ATOM)]),
  };
}

function atomLinkOf(entry: XmlElement, base: string, atom: ReadonlySet<string>): string | null {
  const links = children(entry, 'link', atom);
  const alternates = links.filter((el) => (el.attrs.get('rel') ?? 'alternate') === 'alternate');
  const best = alternates.find((el) => (el.attrs.get('type') ?? 'text/html').startsWith('text/html')) ?? alternates[0];
  return best ? linkFrom(best.attrs.get('href'), baseOf(best, base)) : null;
}

function atomEntry(entry: XmlElement, outer: string, atom: ReadonlySet<string>): Draft {
  const base = baseOf(entry, outer);
  const link = atomLinkOf(entry, base, atom);
  const title = atomText(child(entry, 'title', atom));
  const summaryEl = child(entry, 'summary', atom);
  const contentEl = child(entry, 'content', atom);
  // Content with a src lives elsewhere; it has no text here.
  const usable = [summaryEl, contentEl].find((el) => el && !el.attrs.has('src') && textContent(el).trim());
  const id = child(entry, 'id', atom);
  return {
    key: (id && textContent(id).trim()) || link || title,
    title,
    summary: atomText(usable, usable ? baseOf(usable, base) : base, SUMMARY_LENGTH),
    link,
    date: firstDate([child(entry, 'published', atom), child(entry, 'issued', atom), child(entry, 'updated', atom), child(entry, 'modified', atom)]),
  };
}

function finish(drafts: Draft[], fetchedAt: number): FeedItem[] {
  return drafts
    .filter((draft) => draft.title || draft.summary || draft.link)
    .map((draft, index) => ({
      key: draft.key || `#${index}`,
      title: draft.title,
      summary: draft.summary,
      link: draft.link,
      // A date in the future would pin the item above everything else; it is clamped to the fetch.
      // Items without one keep the feed's order, newest first, just before the fetch.
      publishedAt: draft.date === null ? fetchedAt - index : Math.min(draft.date, fetchedAt),
      dated: draft.date !== null,
    }));
}

export function parseFeed(xml: string, feedUrl: string, fetchedAt: number): ParsedFeed {
  const root = parseXml(xml);
  const rootBase = baseOf(root, feedUrl);
  if (root.local === 'feed' && (ATOM.has(root.ns) || root.ns === '')) {
    // An Atom feed that forgot its namespace still reads as one.
    const atom = root.ns === '' ? new Set(['']) : ATOM;
    return {
      format: 'atom',
      title: atomText(child(root, 'title', atom)),
      link: atomLinkOf(root, rootBase, atom),
      items: finish(children(root, 'entry', atom).map((entry) => atomEntry(entry, rootBase, atom)), fetchedAt),
    };
  }
  if (root.local === 'rss' || root.local === 'RDF') {
    const channel = child(root, 'channel', RSS);
    const channelBase = channel ? baseOf(channel, rootBase) : rootBase;
    // RSS 2.0 nests items in the channel; RSS 1.0 puts them beside it.
    const items = [...(channel ? children(channel, 'item', RSS) : []), ...children(root, 'item', RSS)];
    const link = channel ? child(channel, 'link', RSS) : undefined;
    return {
      format: root.local === 'rss' ? 'rss' : 'rdf',
      title: htmlish(channel ? child(channel, 'title', RSS) : undefined),
      link: link ? linkFrom(textContent(link), channelBase) : null,
      items: finish(items.map((item) => rssItem(item, channelBase)), fetchedAt),
    };
  }
  throw new InvalidResponseError(`not a feed: the document is <${root.name}>`);
}
