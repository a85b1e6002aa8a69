// `npm run lookup`: the extension's own scheduler, resolver and sources, run in Node against the e2e
// fake server through its plain-HTTP path-prefix form (`--api-base http://127.0.0.1:PORT`).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type LookupResult } from '../../../scripts/lookup';
import { parseArgs } from '../../../scripts/lookup/args';
import { recordingFetch, viaApiBase, type SentRequest } from '../../../scripts/lookup/network';
import { parseSender } from '../../../scripts/lookup/sender';
import { startFakeServer, type FakeServer } from '../../e2e/harness/fake-server';
import { BLUESKY_WORLD } from '../../e2e/harness/routes/bluesky';
import { GITHUB_WORLD } from '../../e2e/harness/routes/github';
import { GRAVATAR_WORLD, gravatarFixtureHash } from '../../e2e/harness/routes/gravatar';
import { MASTODON_WORLD } from '../../e2e/harness/routes/mastodon';

const WREN = 'Wren Okafor <wren.okafor@fastmail.com>';
const DANA = 'Dana Whitfield <dana@cloud-blog.example>';
const JOHN = 'John Lennon <mastodonpy_test@acme.example>';

let server: FakeServer;

beforeAll(async () => {
  // Any free port: the tool speaks plain HTTP to the path-prefix listener, so 443 is not needed.
  server = await startFakeServer({ port: 0 });
});
afterAll(async () => {
  await server?.close();
});

/** Runs the tool as `npm run lookup -- SENDER --api-base … --json` and returns what it printed. */
async function lookUp(sender: string, ...flags: string[]): Promise<{ printed: LookupResult; result: LookupResult; err: string }> {
  let out = '';
  let err = '';
  const { code, result } = await main([sender, '--api-base', server.httpUrl, '--json', ...flags], {
    out: (text) => { out += text; },
    err: (text) => { err += text; },
  });
  expect(code).toBe(0);
  return { printed: JSON.parse(out) as LookupResult, result: result!, err };
}

const SPARQL = 'https://query.wikidata.org/sparql?format=json&query=';

/** Requests as `source kind url`, the SPARQL query shortened to the domain it asks about. */
function sent(requests: readonly SentRequest[]): string[] {
  return requests.map(({ source, sent: kind, url }) => {
    const shown = url.startsWith(SPARQL) ? `${SPARQL}…${/VALUES \?site \{ <https?:\/\/([^/>]+)/.exec(decodeURIComponent(url.slice(SPARQL.length)))?.[1]}…` : url;
    return `${source} ${kind} ${shown}`;
  });
}

const gravatar = (email: string) => `gravatar hash https://api.gravatar.com/v3/profiles/${gravatarFixtureHash(email)}`;
const GRAVATAR_EVIDENCE = { kind: 'gravatar-hash', text: 'The Gravatar profile registered to this exact address.', url: 'https://gravatar.com/wrenokafor' };
const gravatarLink = (label: string) => ({ kind: 'linked-from', text: `Listed as a verified ${label} account on their Gravatar profile.`, url: 'https://gravatar.com/wrenokafor' });

describe('npm run lookup against the fake APIs', () => {
  it('follows a Gravatar found by hash to the verified GitHub, Bluesky and Mastodon accounts: 7 requests', async () => {
    const { printed, result } = await lookUp(WREN);
    expect(printed).toEqual(JSON.parse(JSON.stringify(result)));
    expect(Object.keys(printed)).toEqual(['identities', 'posts', 'company', 'requests']);
    expect(printed.identities).toEqual([
      { network: 'gravatar', handle: 'wrenokafor', url: 'https://gravatar.com/wrenokafor', tier: 'A', evidence: [GRAVATAR_EVIDENCE], shownAsPerson: true },
      { network: 'bluesky', handle: 'wrenokafor.bsky.social', url: 'https://bsky.app/profile/wrenokafor.bsky.social', tier: 'B', evidence: [GRAVATAR_EVIDENCE, gravatarLink('Bluesky')], shownAsPerson: true },
      { network: 'github', handle: 'wren-okafor', url: 'https://github.com/wren-okafor', tier: 'B', evidence: [GRAVATAR_EVIDENCE, gravatarLink('GitHub')], shownAsPerson: true },
      { network: 'mastodon', handle: 'wren@social.acme.example', url: 'https://social.acme.example/@wren', tier: 'B', evidence: [GRAVATAR_EVIDENCE, gravatarLink('Mastodon')], shownAsPerson: true },
      // GitHub checks nothing a profile lists: the blog is a claim, a possible match, not the person.
      {
        network: 'web', handle: 'wrenokafor.example', url: 'http://wrenokafor.example/', tier: 'D', shownAsPerson: false,
        evidence: [GRAVATAR_EVIDENCE, gravatarLink('GitHub'), { kind: 'linked-from', text: 'The website on their GitHub profile.', url: 'https://github.com/wren-okafor' }],
      },
    ]);
    const perNetwork = (network: string) => printed.posts.filter((post) => post.network === network).length;
    expect([perNetwork('bluesky'), perNetwork('github'), perNetwork('mastodon'), printed.posts.length]).toEqual([3, 24, 1, 28]);
    expect(printed.posts[0]).toEqual({
      network: 'mastodon', url: 'https://social.acme.example/@wren/117020593741189701', text: '#hoot (hashtag toot)', createdAt: '2026-08-01T13:55:55.867Z',
    });
    expect(printed.posts.filter((post) => post.network === 'bluesky').map((post) => post.text).sort()).toEqual(['bob back at it again!', 'bobby boy here', 'hear that label_me label_me_2']);
    // Free mail: no company, and none of the domain rules sent anything.
    expect(printed.company).toEqual({ domain: null, name: null, items: [] });
    expect(sent(printed.requests)).toEqual([
      `bluesky handle https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed?actor=${BLUESKY_WORLD.wren.handle}&limit=20`,
      gravatar(GRAVATAR_WORLD.wren.email),
      'mastodon handle https://social.acme.example/api/v1/accounts/lookup?acct=wren',
      `mastodon id https://social.acme.example/api/v1/accounts/${MASTODON_WORLD.wren.accountId}/statuses?limit=20&exclude_replies=false`,
      'github handle https://api.github.com/users/wren-okafor',
      'github handle https://api.github.com/users/wren-okafor/social_accounts',
      'github handle https://api.github.com/users/wren-okafor/events/public',
    ]);
    expect(printed.requests.length).toBeLessThanOrEqual(12);
  });

  it('finds a Bluesky handle on the sender\'s own domain and the company three ways: 10 requests', async () => {
    const { printed } = await lookUp(DANA);
    expect(printed.identities).toEqual([
      {
        network: 'bluesky', handle: 'dana.cloud-blog.example', url: 'https://bsky.app/profile/dana.cloud-blog.example', tier: 'A', shownAsPerson: true,
        evidence: [{
          kind: 'domain-handle',
          text: 'dana.cloud-blog.example is a Bluesky handle on the sender\'s own mail domain cloud-blog.example, which Bluesky verifies through that domain.',
          url: 'https://bsky.app/profile/dana.cloud-blog.example',
        }],
      },
      {
        network: 'bluesky', handle: 'cloud-blog.example', url: 'https://bsky.app/profile/cloud-blog.example', tier: 'C', shownAsPerson: false,
        evidence: [
          { kind: 'company-domain-handle', text: 'cloud-blog.example is the Bluesky handle of the sender\'s company domain.', url: 'https://bsky.app/profile/cloud-blog.example' },
          { kind: 'also-linked-from', text: 'Listed as official on Wikidata: the Bluesky of Cloud Blog Inc. (P12361).', url: 'https://www.wikidata.org/wiki/Q9999992' },
        ],
      },
      {
        network: 'web', handle: 'cloud-blog.example', url: 'https://www.wikidata.org/wiki/Q9999992', tier: 'C', shownAsPerson: false,
        evidence: [{ kind: 'wikidata-official-website', text: 'Wikidata lists cloud-blog.example as the official website of Cloud Blog Inc. (Q9999992).', url: 'https://www.wikidata.org/wiki/Q9999992' }],
      },
      {
        network: 'web', handle: 'https://cloud-blog.example/blog/rss', url: 'https://cloud-blog.example/blog', tier: 'C', shownAsPerson: false,
        evidence: [
          { kind: 'company-site-feed', text: 'The website of cloud-blog.example, the sender\'s mail domain, names this RSS feed as its own.', url: 'https://cloud-blog.example/blog' },
          { kind: 'also-linked-from', text: 'Listed as official on Wikidata: the news feed of Cloud Blog Inc. (P1019).', url: 'https://www.wikidata.org/wiki/Q9999992' },
        ],
      },
    ]);
    expect(printed.posts.map((post) => post.text).sort()).toEqual(['again', 'hey there', 'thanks bob', 'yoohoo label_me']);
    expect(printed.company.domain).toBe('cloud-blog.example');
    expect(printed.company.name).toBe('Cloud Blog Inc.');
    // The feed's 20 items and the company account's 3 Bluesky items.
    expect([printed.company.items.filter((item) => item.network === 'web').length, printed.company.items.filter((item) => item.network === 'bluesky').length]).toEqual([20, 3]);
    expect(sentWithHandles(printed.requests)).toEqual([
      // Her two domain handles and the company's, in one request.
      'bluesky handle https://public.api.bsky.app/xrpc/app.bsky.actor.getProfiles?actors=dana.cloud-blog.example&actors=danawhitfield.cloud-blog.example&actors=cloud-blog.example',
      'bluesky handle https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed?actor=dana.cloud-blog.example&limit=20',
      'bluesky handle https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed?actor=cloud-blog.example&limit=20',
      gravatar('dana@cloud-blog.example'),
      'mastodon address https://cloud-blog.example/.well-known/webfinger?resource=acct%3Adana%40cloud-blog.example',
      'hackernews domain https://hn.algolia.com/api/v1/search_by_date?tags=story&query=cloud-blog.example&restrictSearchableAttributes=url',
      `wikidata domain ${SPARQL}…cloud-blog.example…`,
      'companySite domain https://cloud-blog.example/',
      'companySite domain https://cloud-blog.example/blog',
      'companySite domain https://cloud-blog.example/blog/rss',
    ]);
    expect(printed.requests).toHaveLength(10);
  });

  it('finds a fediverse account through WebFinger on the sender\'s own domain, and the company on Wikidata: 9 requests', async () => {
    const { printed } = await lookUp(JOHN);
    const acme = { kind: 'wikidata-official-website', text: 'Wikidata lists acme.example as the official website of Acme Corporation (Q9999991).', url: 'https://www.wikidata.org/wiki/Q9999991' };
    const official = (what: string, property: string) => ({ kind: 'linked-from', text: `Listed as official on Wikidata: the ${what} of Acme Corporation (${property}).`, url: 'https://www.wikidata.org/wiki/Q9999991' });
    expect(printed.identities).toEqual([
      {
        network: 'mastodon', handle: 'mastodonpy_test@acme.example', url: 'https://social.acme.example/@mastodonpy_test', tier: 'A', shownAsPerson: true,
        evidence: [{
          kind: 'webfinger-own-domain',
          text: 'acme.example, the sender\'s own mail domain, answers WebFinger for mastodonpy_test@acme.example: a fediverse account on their own domain.',
          url: 'https://social.acme.example/@mastodonpy_test',
        }],
      },
      { network: 'github', handle: 'acme-corp', url: 'https://github.com/acme-corp', tier: 'C', evidence: [acme, official('GitHub', 'P2037')], shownAsPerson: false },
      { network: 'mastodon', handle: MASTODON_WORLD.linkedHandle, url: 'https://social.acme.example/@mastodonpy_test_2', tier: 'C', evidence: [acme, official('Mastodon', 'P4033')], shownAsPerson: false },
      { network: 'web', handle: 'acme.example', url: 'https://www.wikidata.org/wiki/Q9999991', tier: 'C', evidence: [acme], shownAsPerson: false },
      { network: 'web', handle: 'https://cloud-blog.example/blog/rss', url: 'https://cloud-blog.example/blog/rss', tier: 'C', evidence: [acme, official('news feed', 'P1019')], shownAsPerson: false },
      { network: 'x', handle: 'acme', url: 'https://x.com/acme', tier: 'C', evidence: [acme, official('X', 'P2002')], shownAsPerson: false },
    ]);
    expect(printed.posts.map((post) => post.text)).toEqual(['Toot number 9!', 'Toot number 8!', 'Toot number 7!', 'Toot number 6!', 'Toot number 5!']);
    expect(printed.company.name).toBe('Acme Corporation');
    // The company's news feed only: the accounts Wikidata lists are shown as links, not read.
    expect(printed.company.items).toHaveLength(20);
    expect(sent(printed.requests)).toEqual([
      'bluesky handle https://public.api.bsky.app/xrpc/app.bsky.actor.getProfiles?actors=johnlennon.acme.example&actors=acme.example',
      gravatar('mastodonpy_test@acme.example'),
      'mastodon address https://acme.example/.well-known/webfinger?resource=acct%3Amastodonpy_test%40acme.example',
      'mastodon handle https://social.acme.example/api/v1/accounts/lookup?acct=mastodonpy_test',
      'mastodon id https://social.acme.example/api/v1/accounts/117020565966271181/statuses?limit=20&exclude_replies=false',
      'hackernews domain https://hn.algolia.com/api/v1/search_by_date?tags=story&query=acme.example&restrictSearchableAttributes=url',
      `wikidata domain ${SPARQL}…acme.example…`,
      'companySite domain https://acme.example/',
      'companySite domain https://cloud-blog.example/blog/rss',
    ]);
  });

  it('never shows or even asks for the same-name accounts of the decoy world', async () => {
    server.reset();
    const results = await Promise.all([WREN, DANA, JOHN].map(async (sender) => (await lookUp(sender)).printed));
    const decoys = [
      ...BLUESKY_WORLD.decoys.map((decoy) => `bluesky:${decoy.handle}`),
      ...GITHUB_WORLD.decoys.map((decoy) => `github:${decoy.login}`),
      ...MASTODON_WORLD.decoys.map((decoy) => `mastodon:${decoy.username}@${MASTODON_WORLD.decoyInstance}`),
    ];
    const shown = results.flatMap((result) => result.identities.map((identity) => `${identity.network}:${identity.handle.toLowerCase()}`));
    expect(shown.filter((identity) => decoys.includes(identity))).toEqual([]);
    const asked = server.appRequests();
    const bluesky = new Set<string>(BLUESKY_WORLD.decoys.flatMap((decoy) => [decoy.handle, decoy.did]));
    const actorsOf = (url: string) => {
      const query = new URL(url).searchParams;
      return [...query.getAll('actor'), ...query.getAll('actors')];
    };
    expect(asked.filter((request) => actorsOf(request.url).some((actor) => bluesky.has(actor)))).toEqual([]);
    const github = new Set<string>(GITHUB_WORLD.decoys.map((decoy) => decoy.login));
    expect(asked.filter((request) => request.host === 'api.github.com' && github.has(request.path.split('/')[2] ?? ''))).toEqual([]);
    expect(server.requestsTo(MASTODON_WORLD.decoyInstance)).toEqual([]);
  });

  it('with --github-email, also asks GitHub about the address itself (two searches when the first finds nothing)', async () => {
    const { printed } = await lookUp(DANA, '--github-email');
    expect(sent(printed.requests).filter((line) => line.startsWith('github'))).toEqual([
      'github address https://api.github.com/search/commits?q=author-email%3Adana%40cloud-blog.example',
      'github address https://api.github.com/search/users?q=dana%40cloud-blog.example+in:email',
    ]);
  });

  it('prints a readable report with the evidence chain and every request', async () => {
    let out = '';
    const { code } = await main([WREN, '--api-base', server.httpUrl], { out: (text) => { out += text; }, err: () => undefined });
    expect(code).toBe(0);
    expect(out).toContain('What Earshot finds for Wren Okafor <wren.okafor@fastmail.com>');
    expect(out).toContain('Identities shown as the person (4)');
    expect(out).toContain('  [B] github wren-okafor  (linked from an A identity)\n      https://github.com/wren-okafor\n      because The Gravatar profile registered to this exact address.\n         then Listed as a verified GitHub account on their Gravatar profile.');
    expect(out).toContain('Company and possible matches, never shown as the person (1)');
    expect(out).toContain('Posts (28)');
    expect(out).toContain('Requests (7)');
    expect(out).toContain('  github       handle   https://api.github.com/users/wren-okafor/events/public');
  });

  it('looks up no role address, as Earshot does not', async () => {
    let out = '';
    const { code, result } = await main(['Acme Support <support@acme.example>', '--api-base', server.httpUrl], { out: (text) => { out += text; }, err: () => undefined });
    expect(code).toBe(0);
    expect(result?.requests).toEqual([]);
    expect(out).toContain('Not looked up: a role address (noreply@, support@, …) is not a person. Nothing was sent.');
  });
});

describe('the lookup tool\'s parts', () => {
  it('reads the sender as a mail client writes it', () => {
    expect(parseSender('Jane Doe <Jane@Acme.com>')).toEqual({ name: 'Jane Doe', email: 'jane@acme.com' });
    expect(parseSender('"Doe, Jane" <jane@acme.com>')).toEqual({ name: 'Doe, Jane', email: 'jane@acme.com' });
    expect(parseSender('jane@acme.com')).toEqual({ name: '', email: 'jane@acme.com' });
    expect(parseSender('Jane Doe')).toBeNull();
  });

  it('reads its flags and refuses what it does not know', async () => {
    expect(parseArgs(['Jane <jane@acme.com>', '--api-base=http://127.0.0.1:8080/', '--json'])).toEqual({
      sender: 'Jane <jane@acme.com>', apiBase: 'http://127.0.0.1:8080', json: true, githubEmail: false, timeoutMs: 120_000,
    });
    let err = '';
    const io = { out: () => undefined, err: (text: string) => { err += text; } };
    expect((await main(['--jsn', 'jane@acme.com'], io)).code).toBe(2);
    expect(err).toContain('unknown option --jsn');
    expect((await main(['nobody'], io)).code).toBe(2);
  });

  it('sends https://HOST/PATH?QUERY to API-BASE/HOST/PATH?QUERY, and to the host itself without one', async () => {
    expect(viaApiBase('https://api.github.com/users/x?y=1', 'http://127.0.0.1:9')).toBe('http://127.0.0.1:9/api.github.com/users/x?y=1');
    const asked: string[] = [];
    const fake = (async (input: RequestInfo | URL) => {
      asked.push(String(input));
      return new Response('{}');
    }) as typeof fetch;
    const log: SentRequest[] = [];
    await recordingFetch(null, log, fake)('https://api.github.com/users/x');
    await recordingFetch('http://127.0.0.1:9', log, fake)('https://api.github.com/users/x');
    expect(asked).toEqual(['https://api.github.com/users/x', 'http://127.0.0.1:9/api.github.com/users/x']);
    expect(log).toEqual([
      { source: 'unknown', url: 'https://api.github.com/users/x', sent: 'none' },
      { source: 'unknown', url: 'https://api.github.com/users/x', sent: 'none' },
    ]);
  });
});

/** As sent(), with the fake AppView's DIDs written as their handles (a feed is asked for by DID once the profile gave one). */
function sentWithHandles(requests: readonly SentRequest[]): string[] {
  const dids = new Map<string, string>([BLUESKY_WORLD.dana, BLUESKY_WORLD.cloudBlog].map((actor) => [encodeURIComponent(actor.did), actor.handle]));
  return sent(requests).map((line) => line.replace(/actor=([^&]+)/, (whole, actor: string) => `actor=${dids.get(actor) ?? actor}`));
}
