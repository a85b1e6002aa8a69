import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { upsertPerson } from '../../../src/db/people';
import { Scheduler } from '../../../src/background/scheduler/scheduler';
import { resolveJobsFor } from '../../../src/background/resolver';
import { companySiteSource } from '../../../src/background/sources/company-site';
import { discoverFeeds } from '../../../src/background/sources/feed-discovery';
import type { BytesBody } from '../../../src/background/sources/source';
import type { HttpResult } from '../../../src/background/sources/source';
import type { IdentityRecord, PersonRecord } from '../../../src/shared/domain';
import { parseSettings, type Settings } from '../../../src/shared/settings';
import type { Participant } from '../../../src/shared/thread';
import { directHttp, postsOf } from './direct-http';

const HTML = join(__dirname, '../../fixtures/api/html');
const FEEDS = join(__dirname, '../../fixtures/api/feeds');

function page(file: string): string {
  return readFileSync(join(HTML, file), 'utf8');
}

describe('discoverFeeds on the recorded pages', () => {
  it.each([
    ['daringfireball-home-atom-autodiscovery-relative-href.html', 'https://daringfireball.net/', [{ url: 'https://daringfireball.net/feeds/main', type: 'atom', title: '' }]],
    ['furbo-iconfactory-rss-autodiscovery.html', 'https://furbo.org/', [{ url: 'http://furbo.org/feed/', type: 'rss', title: 'Iconfactory News Feed' }]],
    ['inessential-home-rss-autodiscovery.html', 'https://inessential.com/', [{ url: 'http://inessential.com/xml/rss.xml', type: 'rss', title: 'RSS' }]],
    ['sixcolors-home-rss-autodiscovery-feedpress.html', 'https://sixcolors.com/', [{ url: 'http://feedpress.me/sixcolors', type: 'rss', title: 'RSS' }]],
    ['youtube-channel-page-videos-xml-autodiscovery.html', 'https://www.youtube.com/user/TheVolvorocks/videos',
      [{ url: 'https://www.youtube.com/feeds/videos.xml?channel_id=UCct7QF2jcWRY6dhXWMSq9LQ', type: 'rss', title: 'RSS' }]],
  ])('%s', (file, pageUrl, expected) => {
    expect(discoverFeeds(page(file), pageUrl)).toEqual(expected);
  });
});

describe('discoverFeeds rules', () => {
  it('resolves against <base>, reads rel as a token list and keeps the head\'s feeds first', () => {
    const html = `<html><head><base href="https://cdn.acme.example/site/"><link rel="stylesheet alternate" type="application/rss+xml" href="style.xml">
      <LINK REL="Alternate feed" TYPE="application/atom+xml; charset=utf-8" HREF="atom.xml" title=" Acme  News ">
      <link rel="alternate" type="application/json" href="feed.json"><link rel="alternate" type="application/rss+xml" href="">
      <link rel="alternate" type="application/rss+xml" href="http://192.168.1.1/feed"><link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <script>document.write('<link rel="alternate" type="application/rss+xml" href="/evil.xml">')</script>
      <!-- <link rel="alternate" type="application/rss+xml" href="/commented.xml"> -->
      </head><body><link rel="alternate" type="application/rss+xml" href="/body.xml"><link rel="alternate" type="application/rss+xml" href="atom.xml"></body></html>`;
    expect(discoverFeeds(html, 'https://acme.example/')).toEqual([
      { url: 'https://cdn.acme.example/site/atom.xml', type: 'atom', title: 'Acme News' },
      { url: 'https://cdn.acme.example/body.xml', type: 'rss', title: '' },
    ]);
  });
});

const PERSON: PersonRecord = { id: 'john@daringfireball.net', email: 'john@daringfireball.net', name: 'John', domain: 'daringfireball.net', firstSeenAt: 0, lastSeenAt: 0, lookups: {} };
const context = { settings: parseSettings({}), now: () => Date.parse("2026-11-22T10:00:00Z") };

/** A fake web: `pages` by URL, everything else 404; every URL asked for is recorded. */
function web(pages: Record<string, string>) {
  const requests: string[] = [];
  const fetchFake = async (input: RequestInfo | URL): Promise<Response> => {
    const url = String(input);
    requests.push(url);
    const body = pages[url];
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body, { status: 200 });
  };
  return { requests, fetch: fetchFake as typeof fetch };
}

function feedIdentity(handle: string): IdentityRecord {
  return { id: 'x', personId: PERSON.id, network: 'web', handle, url: 'https://acme.example/', tier: 'C', evidence: [], verdict: null, fetchedAt: 0 };
}

describe('companySiteSource.resolve', () => {
  it('stops at a missing home page: a domain without a website costs one request', async () => {
    const site = web({});
    expect(await companySiteSource.resolve!(PERSON, directHttp(site.fetch), context)).toEqual([]);
    expect(site.requests).toEqual(['https://daringfireball.net/']);
  });

  it('tries /blog, /news and /press only when the home page names no feed', async () => {
    const site = web({
      'https://daringfireball.net/': '<!doctype html><html><head><title>Home</title></head><body>No feed here</body></html>',
      'https://daringfireball.net/news': page('sixcolors-home-rss-autodiscovery-feedpress.html'),
    });
    const [found, ...rest] = await companySiteSource.resolve!(PERSON, directHttp(site.fetch), context);
    expect(rest).toEqual([]);
    expect(site.requests).toEqual(['https://daringfireball.net/', 'https://daringfireball.net/blog', 'https://daringfireball.net/news']);
    expect(found).toEqual({
      network: 'web', handle: 'http://feedpress.me/sixcolors', url: 'https://daringfireball.net/news', displayName: 'daringfireball.net', tier: 'C',
      evidence: [{ kind: 'company-site-feed', text: 'The website of daringfireball.net, the sender\'s mail domain, names this RSS feed as its own.', url: 'https://daringfireball.net/news' }],
    });
  });

  it('gives up after four pages, and sends nothing for free mail or a private domain', async () => {
    const site = web({ 'https://daringfireball.net/': '<!doctype html><title>Home</title><p>No feed here</p>' });
    expect(await companySiteSource.resolve!(PERSON, directHttp(site.fetch), context)).toEqual([]);
    expect(site.requests).toHaveLength(4);
    for (const email of ['jane@gmail.com', 'jane@printer.local', 'jane@localhost']) {
      expect(await companySiteSource.resolve!({ ...PERSON, email, domain: email.split('@')[1] ?? null }, directHttp(site.fetch), context)).toEqual([]);
    }
    expect(site.requests).toHaveLength(4);
  });
});

describe('companySiteSource.fetchActivity', () => {
  it('reads nothing for a web identity that is no feed URL', async () => {
    const site = web({});
    expect(await companySiteSource.fetchActivity!(feedIdentity('acme.example'), directHttp(site.fetch), context)).toEqual([]);
    expect(await companySiteSource.fetchActivity!(feedIdentity('https://127.0.0.1/feed'), directHttp(site.fetch), context)).toEqual([]);
    expect(site.requests).toEqual([]);
  });

  it('decodes a legacy encoding when the http offers bytes', async () => {
    const bytes = new Uint8Array(readFileSync(join(FEEDS, 'news-qq-com-declared-gb2312.xml')));
    const http = {
      ...directHttp(web({}).fetch),
      async getBytes(): Promise<HttpResult<BytesBody>> {
        return { ok: true, status: 200, data: { bytes, contentType: 'text/xml' } };
      },
    };
    const posts = postsOf(await companySiteSource.fetchActivity!(feedIdentity('https://news.qq.com/newsgn/rss_newsgn.xml'), http, context));
    expect(posts).toHaveLength(20);
    expect(posts[0]).toMatchObject({
      id: 'web:https://news.qq.com/newsgn/rss_newsgn.xml#http://news.qq.com/a/20180918/009846.htm',
      network: 'web', kind: 'post', url: 'http://news.qq.com/a/20180918/009846.htm', createdAt: Date.parse('2018-09-18T14:38:10Z'),
      link: { url: 'http://news.qq.com/a/20180918/009846.htm', title: '习近平为何如此强调崇尚英雄？' },
    });
    expect(posts[0]?.text.startsWith('习近平为何如此强调崇尚英雄？\n\n编者按：历史是人民书写的')).toBe(true);
  });
});

let db: EarshotDatabase;
let settings: Settings;
const clock = Date.parse('2026-11-22T10:00:00Z');

beforeEach(() => {
  db = new EarshotDatabase(`test-${Math.random()}`);
  // The company site is off by default (it asks for a host permission); this user turned it on.
  settings = parseSettings({ onboarded: true, sources: { companySite: true } });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('scheduler with the company-site source', () => {
  it('discovers the feed on the home page and reads it: two requests', async () => {
    const site = web({
      'https://daringfireball.net/': page('daringfireball-home-atom-autodiscovery-relative-href.html'),
      'https://daringfireball.net/feeds/main': readFileSync(join(FEEDS, 'daringfireball.atom'), 'utf8'),
    });
    const s = new Scheduler({ db, sources: [companySiteSource], fetch: site.fetch, loadSettings: async () => settings, now: () => clock, wakeAt: () => undefined, hasHostPermission: async () => true });
    const participant: Participant = { name: 'John Gruber', email: 'john@daringfireball.net', roles: ['from'], messageCount: 1, isPerson: true };
    const person = await upsertPerson(db, participant, clock);
    await s.enqueue(resolveJobsFor(person, [companySiteSource], settings, 0, clock));
    await s.idle();
    expect(site.requests).toEqual(['https://daringfireball.net/', 'https://daringfireball.net/feeds/main']);
    const identities = await db.identities.where('personId').equals(person.id).toArray();
    expect(identities.map((i) => [i.network, i.handle, i.tier, i.displayName])).toEqual([['web', 'https://daringfireball.net/feeds/main', 'C', 'daringfireball.net']]);
    const posts = await db.posts.where('personId').equals(person.id).reverse().sortBy('createdAt');
    expect(posts).toHaveLength(20);
    expect(posts[0]).toMatchObject({
      network: 'web', kind: 'post', url: 'https://daringfireball.net/thetalkshow/2017/06/26/ep-195', createdAt: Date.parse('2017-06-27T00:54:17Z'),
      link: { url: 'https://daringfireball.net/thetalkshow/2017/06/26/ep-195', title: 'The Talk Show: ‘I Do Like Throwing a Baby’' },
    });
    expect(posts[0]?.text.startsWith('The Talk Show: ‘I Do Like Throwing a Baby’\n\nNew episode of America’s favorite 3-star podcast')).toBe(true);
    const log = await db.requestLog.toArray();
    expect(log.map((e) => [e.source, e.host, e.path, e.identifierKind, e.status])).toEqual([
      ['companySite', 'daringfireball.net', '/', 'domain', 200],
      ['companySite', 'daringfireball.net', '/feeds/main', 'domain', 200],
    ]);
  });
});
