import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredEncoding, decodeFeed } from '../../../src/background/sources/feed-decode';
import { parseFeedDate } from '../../../src/background/sources/feed-date';
import { parseFeed } from '../../../src/background/sources/feed-parser';
import { InvalidResponseError } from '../../../src/background/sources/source';

/** Every recorded feed in test/fixtures/api/feeds, decoded from its bytes and parsed without a DOM. */
const FEEDS = join(__dirname, '../../fixtures/api/feeds');
const FETCHED_AT = Date.parse('2026-11-22T10:00:00Z');

function bytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FEEDS, name)));
}

function parsed(name: string, contentType: string | null = null) {
  return parseFeed(decodeFeed(bytes(name), contentType), `https://feeds.example/${name}`, FETCHED_AT);
}

// [file, format, feed title, items, first item's title, link, date, items without a title]
const EXPECTED: Array<[string, string, string, number, string, string, string, number]> = [
  ['aktuality-sk-news.rss', 'rss', 'Aktuality.sk - aktuálne spravodajstvo', 30, 'Analytici Goldman Sachs zvýšili odhad rastu ekonomiky USA',
    'https://www.aktuality.sk/clanok/856577/analytici-goldman-sachs-zvysili-odhad-rastu-ekonomiky-usa/', '2021-01-17T18:27:00.000Z', 0],
  ['blogger-via-feedburner.atom', 'atom', 'Google Ads Developer Blog', 25, 'AdWords and DFP Java client library will soon require Java 7+',
    'http://feedproxy.google.com/~r/blogspot/lQlzL/~3/Zjf41PDVLAc/adwords-and-dfp-java-client-library.html', '2016-06-03T14:38:00.000Z', 0],
  ['craigslist-rdf-rss1.rss', 'rdf', 'craigslist SF bay area | apts/housing for rent search', 25,
    'Bright, Spacious Beautiful Victorian (oakland north / temescal) $4300 3bd 1930ft2',
    'http://sfbay.craigslist.org/eby/apa/6186664607.html', '2017-06-21T17:33:10.000Z', 0],
  ['daringfireball.atom', 'atom', 'Daring Fireball', 48, 'The Talk Show: ‘I Do Like Throwing a Baby’',
    'https://daringfireball.net/thetalkshow/2017/06/26/ep-195', '2017-06-27T00:54:17.000Z', 0],
  ['fcutrecht-malformed-pi-relative-links.rss', 'rss', 'www.fcutrecht.net voetbalnieuws', 20, 'Serdar Gözübüyük scheidsrechter bij FC Twente - FC Utrecht',
    'https://www.fcutrecht.net/nieuws/serdar-g-z-b-y-k-scheidsrechter-bij-fc-twente-fc-utrecht~8805', '2021-09-06T10:17:00.000Z', 0],
  ['google-cloud-blog-company.rss', 'rss', 'Cloud Blog', 20, 'Want to keep your employees productive? Pay attention to shadow IT clues',
    'https://cloud.google.com/blog/products/productivity-collaboration/want-to-keep-your-employees-productive-pay-attention-to-shadow-it-clues/',
    '2019-09-03T18:00:00.000Z', 0],
  ['guardian-us-newsroom.rss', 'rss', 'The Guardian', 55, 'Trump State of the Union address promised unity but emphasized discord',
    'https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord', '2018-01-31T07:26:05.000Z', 0],
  ['heise-developer-news.atom', 'atom', 'heise developer neueste Meldungen', 15, 'Java-Anwendungsserver: Red Hat gibt WildFly 10 frei',
    'http://www.heise.de/developer/meldung/Java-Anwendungsserver-Red-Hat-gibt-WildFly-10-frei-3088438.html?wt_mc=rss.developer.beitrag.atom',
    '2016-02-01T16:22:00.000Z', 0],
  ['heraldsun-oreilly-sample-iso-8859-1-no-item-dates.rss', 'rss', 'RSS0.92 Example', 2, 'The First Item',
    'http://www.oreilly.com/example/001.html', '2026-11-22T10:00:00.000Z', 0],
  ['livemint-news-cdata.xml', 'rss', 'Livemint - News', 25, 'PM Modi-Xi Jinping informal summit in Varanasi this October: Report',
    'https://www.livemint.com/news/india/pm-modi-xi-jinping-informal-summit-in-varanasi-this-october-report-1559104147038.html',
    '2019-05-29T10:16:00.000Z', 0],
  ['macworld-no-xml-decl-leading-whitespace-relative-links.rss', 'rss', 'Macworld', 30, 'Best smart lock',
    'https://www.techhive.com/article/3212828/connected-home/best-smart-lock.html#tk.rss_all', '2017-11-28T23:40:00.000Z', 0],
  ['medium-tag-feed-cdata-content-encoded.rss', 'rss', 'Food in Invironment on Medium', 7, 'THE CREATIVE FORAGER',
    'https://medium.com/invironment/the-creative-forager-125af37d838f?source=rss----d12c403d4976--food', '2018-04-09T18:55:38.000Z', 0],
  ['news-qq-com-declared-gb2312.xml', 'rss', '新闻国内', 20, '习近平为何如此强调崇尚英雄？',
    'http://news.qq.com/a/20180918/009846.htm', '2018-09-18T14:38:10.000Z', 0],
  ['rubenerd-xml-base.rss', 'rss', 'Rubenerd', 10, 'The great Commodore/Atari engineer swap',
    'https://rubenerd.com/the-commodore-atari-engineer-swap/', '2023-01-10T21:53:01.000Z', 0],
  ['scriptingnews-no-encoding-decl.rss', 'rss', 'Scripting News', 50, '',
    'http://scripting.com/2017/06/26.html#a080605', '2017-06-26T12:20:05.000Z', 39],
];

describe('parseFeed on every recorded feed', () => {
  it('covers every file in the folder', () => {
    expect(EXPECTED.map(([file]) => file).sort()).toEqual(readdirSync(FEEDS).sort());
  });

  it.each(EXPECTED)('%s', (file, format, title, count, firstTitle, firstLink, firstDate, untitled) => {
    const feed = parsed(file);
    expect(feed.format).toBe(format);
    expect(feed.title).toBe(title);
    expect(feed.items).toHaveLength(count);
    const [first] = feed.items;
    expect(first?.title).toBe(firstTitle);
    expect(first?.link).toBe(firstLink);
    expect(new Date(first?.publishedAt ?? 0).toISOString()).toBe(firstDate);
    expect(feed.items.filter((item) => !item.title)).toHaveLength(untitled);
    for (const item of feed.items) {
      // Plain text only: no markup survives, whatever the feed held.
      expect(item.title + item.summary).not.toMatch(/<[a-z/!?]/i);
      expect(item.summary.length).toBeLessThanOrEqual(501);
    }
  });

  it('turns CDATA and content:encoded HTML into text', () => {
    const [first] = parsed('medium-tag-feed-cdata-content-encoded.rss').items;
    expect(first?.summary.slice(0, 76)).toBe('Using Wild Ingredients in the Kitchen\n\nHEY, YOU! YES, YOU WITH THE EYEBALLS!');
    expect(first?.summary.endsWith('…')).toBe(true);
  });

  it('reads a feed whose first line is a malformed processing instruction', () => {
    const text = decodeFeed(bytes('fcutrecht-malformed-pi-relative-links.rss'), null);
    expect(text.startsWith('<?phpxml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(parsed('fcutrecht-malformed-pi-relative-links.rss').items).toHaveLength(20);
  });

  it('reads a feed with no XML declaration and leading white space', () => {
    expect(readFileSync(join(FEEDS, 'macworld-no-xml-decl-leading-whitespace-relative-links.rss'), 'utf8').startsWith('\n\n\n\n<rss')).toBe(true);
    expect(parsed('macworld-no-xml-decl-leading-whitespace-relative-links.rss').link).toBe('https://www.macworld.com/');
  });

  it('keeps the feed order for items without dates: fetch time minus their index', () => {
    const items = parsed('heraldsun-oreilly-sample-iso-8859-1-no-item-dates.rss').items;
    expect(items.map((item) => [item.title, item.publishedAt - FETCHED_AT, item.dated])).toEqual([
      ['The First Item', 0, false],
      ['The Second Item', -1, false],
    ]);
  });
});

describe('decodeFeed', () => {
  it('decodes a GB2312 feed by its XML declaration', () => {
    const text = decodeFeed(bytes('news-qq-com-declared-gb2312.xml'), 'text/xml');
    expect(declaredEncoding(bytes('news-qq-com-declared-gb2312.xml'))).toBe('gb2312');
    expect(text).toContain('<title>新闻国内</title>');
    expect(parsed('news-qq-com-declared-gb2312.xml').items[1]?.title).toBe('习近平谈抗战：牢记历史是要以史为鉴、面向未来');
    // Read as UTF-8, as Response.text() would, it is garbage: the bytes path matters.
    expect(new TextDecoder().decode(bytes('news-qq-com-declared-gb2312.xml'))).not.toContain('新闻国内');
  });

  it('falls back to the declaration when the header charset does not fit the bytes', () => {
    expect(decodeFeed(bytes('news-qq-com-declared-gb2312.xml'), 'text/xml; charset=utf-8')).toContain('<title>新闻国内</title>');
  });

  it('decodes ISO-8859-1 text by the declaration and by the header', () => {
    // The recorded ISO-8859-1 sample is all ASCII; this copy puts Latin-1 bytes into its first title.
    const original = Buffer.from(bytes('heraldsun-oreilly-sample-iso-8859-1-no-item-dates.rss')).toString('latin1');
    const latin1 = new Uint8Array(Buffer.from(original.replace('The First Item', 'Café Zürich - naïve'), 'latin1'));
    expect(latin1.includes(0xe9)).toBe(true);
    for (const header of [null, 'application/rss+xml', 'application/rss+xml; charset=ISO-8859-1']) {
      const feed = parseFeed(decodeFeed(latin1, header), 'https://feeds.example/latin1.rss', FETCHED_AT);
      expect(feed.items[0]?.title).toBe('Café Zürich - naïve');
    }
  });

  it('trusts UTF-8 bytes declared UTF-8 over a default ISO-8859-1 header', () => {
    const feed = parsed('aktuality-sk-news.rss', 'text/xml; charset=iso-8859-1');
    expect(feed.title).toBe('Aktuality.sk - aktuálne spravodajstvo');
  });

  it('honours a byte order mark and UTF-16', () => {
    const xml = '<?xml version="1.0" encoding="utf-16"?><rss><channel><title>Grüße</title></channel></rss>';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(xml, 'utf16le'))]);
    expect(decodeFeed(utf16, null)).toBe(xml);
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(xml)]);
    expect(decodeFeed(utf8, 'text/xml; charset=windows-1252')).toBe(xml);
  });

  it('treats an encoding the browser does not know as UTF-8', () => {
    const xml = '<?xml version="1.0" encoding="x-made-up"?><rss/>';
    expect(decodeFeed(new TextEncoder().encode(xml), 'text/xml; charset=bogus')).toBe(xml);
  });
});

describe('parseFeed on written cases', () => {
  it('resolves relative links against xml:base and the feed URL', () => {
    const xml = `<rss version="2.0" xml:base="https://news.acme.example/blog/"><channel><title>Acme</title><link>/</link>
      <item><title>One</title><link>posts/one.html</link><pubDate>Mon, 02 Nov 2026 09:00:00 GMT</pubDate></item>
      <item xml:base="/archive/"><title>Two</title><link>two.html</link></item></channel></rss>`;
    const feed = parseFeed(xml, 'https://acme.example/feed.xml', FETCHED_AT);
    expect(feed.link).toBe('https://news.acme.example/');
    expect(feed.items.map((item) => item.link)).toEqual([
      'https://news.acme.example/blog/posts/one.html',
      'https://news.acme.example/archive/two.html',
    ]);
  });

  it('reads Atom xhtml content and ignores a content src', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">A &amp;lt;b&amp;gt; &amp;amp; B</title>
      <entry><id>urn:1</id><title>X</title><link href="/x" /><updated>2026-11-01T12:00:00+01:00</updated>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>there</b></p><p>Second</p></div></content></entry>
      <entry><id>urn:2</id><title>Y</title><content src="https://acme.example/y.mp4" type="video/mp4"/></entry></feed>`;
    const feed = parseFeed(xml, 'https://acme.example/atom.xml', FETCHED_AT);
    expect(feed.title).toBe('A <\u200Bb> & B');
    expect(feed.items.map((item) => [item.key, item.link, item.summary, item.publishedAt])).toEqual([
      ['urn:1', 'https://acme.example/x', 'Hello there\n\nSecond', Date.parse('2026-11-01T11:00:00Z')],
      ['urn:2', null, '', FETCHED_AT - 1],
    ]);
  });

  it('reads an Atom feed without its namespace, and an empty link is no link', () => {
    const xml = `<feed><title>Bare</title><entry><id>e1</id><title>One</title><link href="/one"/><published>2026-11-02T00:00:00Z</published></entry>
      <entry><id>e2</id><title>Two</title><link href=" "/></entry></feed>`;
    const feed = parseFeed(xml, 'https://acme.example/atom', FETCHED_AT);
    expect(feed.items.map((item) => [item.title, item.link])).toEqual([['One', 'https://acme.example/one'], ['Two', null]]);
    const rss = parseFeed(`<rss><channel><item><title>T</title><link> </link></item><item><title>U</title><guid>1559104147038</guid></item>
      <item><title>V</title><guid>https://acme.example/v</guid></item></channel></rss>`, 'https://acme.example/rss', FETCHED_AT);
    expect(rss.items.map((item) => item.link)).toEqual([null, null, 'https://acme.example/v']);
  });

  it('drops script, event handlers and javascript: links from item HTML', () => {
    const xml = `<rss><channel><item><title>Hi&lt;script&gt;alert(1)&lt;/script&gt;</title><link>javascript:alert(2)</link>
      <description><![CDATA[<p onclick="alert(3)">Text<script>alert(4)</script><img src=x onerror=alert(5)></p>]]></description></item></channel></rss>`;
    const [item] = parseFeed(xml, 'https://acme.example/rss', FETCHED_AT).items;
    expect(item).toMatchObject({ title: 'Hi', summary: 'Text', link: null });
  });

  it('never expands DOCTYPE entities', () => {
    const xml = '<!DOCTYPE rss [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>';
    expect(parseFeed(xml, 'https://acme.example/rss', FETCHED_AT).items[0]?.title).toBe('&b;');
  });

  it('clamps a date in the future to the fetch time', () => {
    const xml = '<rss><channel><item><title>Soon</title><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item></channel></rss>';
    expect(parseFeed(xml, 'https://acme.example/rss', FETCHED_AT).items[0]?.publishedAt).toBe(FETCHED_AT);
  });

  it('refuses what is no feed', () => {
    expect(() => parseFeed('<html><body>hi</body></html>', 'https://acme.example/', FETCHED_AT)).toThrow(InvalidResponseError);
    expect(() => parseFeed('not xml at all', 'https://acme.example/', FETCHED_AT)).toThrow(InvalidResponseError);
  });
});

describe('parseFeedDate', () => {
  it.each([
    ['Tue, 07 Sep 2021 02:47:57 +0200', '2021-09-07T00:47:57.000Z'],
    ['Wed, 31 Jan 2018 20:15:15 GMT', '2018-01-31T20:15:15.000Z'],
    ['Tue, 03 Sep 2019 18:00:00 -0000', '2019-09-03T18:00:00.000Z'],
    ['Tue, 28 Nov 2017 21:19:26 PST', '2017-11-29T05:19:26.000Z'],
    ['7 Sep 21 2:47 EDT', '2021-09-07T06:47:00.000Z'],
    ['2016-06-27T07:36:54.007-07:00', '2016-06-27T14:36:54.007Z'],
    ['2018-09-18 14:38:10', '2018-09-18T14:38:10.000Z'],
    ['2017-06-21', '2017-06-21T00:00:00.000Z'],
  ])('%s', (raw, iso) => {
    expect(new Date(parseFeedDate(raw) ?? NaN).toISOString()).toBe(iso);
  });

  it('gives null for what is no date', () => {
    expect(parseFeedDate('03 Apr 02 1500 GMT')).toBeNull();
    expect(parseFeedDate('yesterday')).toBeNull();
    expect(parseFeedDate('')).toBeNull();
  });
});
