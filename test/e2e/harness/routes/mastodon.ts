// A fediverse in two hosts, answered from Mastodon's own recorded responses
// (test/fixtures/api/mastodon, recorded by Mastodon.py's test suite against a Mastodon server at
// http://localhost:3000) and the WebFinger answer written for them (fixtures/api/mastodon/webfinger).
//
//   acme.example         the sender's mail domain: serves WebFinger only (Mastodon's LOCAL_DOMAIN)
//   social.acme.example  the Mastodon server itself (WEB_DOMAIN): accounts/lookup and account statuses
//
// The recorded bodies are sent with one change: their origin http://localhost:3000 becomes
// https://social.acme.example (a browser would not be sent to localhost, and the source only asks
// public hosts over https). Everything else is as recorded. WRITTEN-HERE is marked below.
//
// WRITTEN-HERE for the sources end-to-end test and the lookup tool (MASTODON_WORLD.wren, .decoys):
//   - wren@social.acme.example: the recorded account mastodonpy_test_2 and its recorded #hoot status,
//     re-homed (username, display name and id substituted in the recorded bodies), verified on Wren
//     Okafor's Gravatar profile (routes/gravatar.ts);
//   - mastodon.decoy.example: an instance whose accounts carry the names of the test conversation's
//     senders but are other people (re-homed the same way, with a WebFinger answer written here).
//     Earshot only asks the sender's own mail domain, so it must never reach this host.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rawJson, type RouteModule, type RouteRequest, type RouteResponse } from '../route-kit';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/api/mastodon/', import.meta.url));
const RECORDED_ORIGIN = 'http://localhost:3000';

/** What an e2e test needs to know to use this fediverse. */
export const MASTODON_WORLD = {
  mailDomain: 'acme.example',
  instance: 'social.acme.example',
  /** A sender whose mail domain's WebFinger names the recorded account mastodonpy_test. */
  sender: 'mastodonpy_test@acme.example',
  handle: 'mastodonpy_test@acme.example',
  accountId: '117020565966271181',
  /** A second recorded account, reachable as a linked handle (user@instance). */
  linkedHandle: 'mastodonpy_test_2@social.acme.example',
  /** Verified on Wren Okafor's Gravatar profile: mastodonpy_test_2 re-homed. */
  wren: { username: 'wren', handle: 'wren@social.acme.example', displayName: 'Wren Okafor', accountId: '117020458041990001' },
  decoyInstance: 'mastodon.decoy.example',
  /** Same-name accounts that are NOT the senders of the test conversation. */
  decoys: [
    { username: 'wrenokafor', displayName: 'Wren Okafor', accountId: '117020458041990101' },
    { username: 'dana', displayName: 'Dana Whitfield', accountId: '117020458041990102' },
    { username: 'johnlennon', displayName: 'John Lennon', accountId: '117020458041990103' },
  ],
} as const;

const ORIGIN = `https://${MASTODON_WORLD.instance}`;

function recorded(file: string): string {
  return readFileSync(FIXTURES + file, 'utf8').replaceAll(RECORDED_ORIGIN, ORIGIN);
}

/** The recorded response headers of a call, minus those the changed body or the server decide. */
function recordedHeaders(file: string): Record<string, string> {
  const recording = JSON.parse(recorded(file)) as { headers: Record<string, string[]> };
  const skip = new Set(['content-length', 'etag', 'server-timing', 'x-request-id', 'x-runtime']);
  return Object.fromEntries(Object.entries(recording.headers).filter(([name]) => !skip.has(name)).map(([name, values]) => [name, values.join(', ')]));
}

interface Account {
  id: string;
  username: string;
}

interface MastodonData {
  accounts: Array<{ account: Account; body: string }>;
  /** The decoy instance's accounts (mastodon.decoy.example). */
  decoyAccounts: Array<{ account: Account; body: string }>;
  statuses: Map<string, { body: string; headers: Record<string, string> }>;
  webfinger: Map<string, string>;
  lookupNotFound: { body: string; headers: Record<string, string> };
}

let cached: MastodonData | undefined;

function load(): MastodonData {
  if (cached) return cached;
  const accounts = ['accounts-lookup-localhost-mastodonpy_test.json', 'accounts-lookup-localhost-mastodonpy_test_2.json'].map((file) => {
    const body = recorded(file);
    return { account: JSON.parse(body) as Account, body };
  });
  const statuses = new Map<string, { body: string; headers: Record<string, string> }>();
  statuses.set(MASTODON_WORLD.accountId, {
    body: recorded('accounts-statuses-localhost-limit5.json'),
    headers: recordedHeaders('accounts-statuses-localhost-limit5.headers.json'),
  });
  // mastodonpy_test_2's only recorded post is in the #hoot tag timeline, recorded on another run (its
  // account id there differs from the lookup's): served as the statuses of the looked-up id.
  const second = accounts[1]?.account.id;
  if (second) statuses.set(second, { body: recorded('timelines-tag-hoot-localhost-with-tags.json'), headers: {} });
  const webfinger = new Map([[`acct:${MASTODON_WORLD.sender}`, recorded('webfinger/acct-mastodonpy_test-at-acme.example.json')]]);
  const lookupNotFound = {
    body: recorded('error-404-accounts-lookup-record-not-found.json'),
    headers: recordedHeaders('error-404-accounts-lookup-record-not-found.headers.json'),
  };
  // WRITTEN-HERE: re-homed copies of mastodonpy_test_2 and its #hoot status (see the header).
  const template = accounts[1];
  const hoot = statuses.get(second ?? '');
  const rehome = (origin: string, username: string, displayName: string, id: string) => (body: string): string => body
    .replaceAll(ORIGIN, origin)
    .replaceAll('mastodonpy_test_2', username)
    .replaceAll('"display_name":""', `"display_name":${JSON.stringify(displayName)}`)
    .replaceAll(second ?? '-', id);
  const decoyAccounts: MastodonData['decoyAccounts'] = [];
  if (template && hoot && second) {
    const wren = MASTODON_WORLD.wren;
    const toWren = rehome(ORIGIN, wren.username, wren.displayName, wren.accountId);
    const body = toWren(template.body);
    accounts.push({ account: JSON.parse(body) as Account, body });
    statuses.set(wren.accountId, { body: toWren(hoot.body), headers: {} });
    for (const decoy of MASTODON_WORLD.decoys) {
      const toDecoy = rehome(`https://${MASTODON_WORLD.decoyInstance}`, decoy.username, decoy.displayName, decoy.accountId);
      const decoyBody = toDecoy(template.body);
      decoyAccounts.push({ account: JSON.parse(decoyBody) as Account, body: decoyBody });
      statuses.set(decoy.accountId, { body: toDecoy(hoot.body), headers: {} });
      webfinger.set(`acct:${decoy.username}@${MASTODON_WORLD.decoyInstance}`, JSON.stringify({
        subject: `acct:${decoy.username}@${MASTODON_WORLD.decoyInstance}`,
        links: [
          { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: `https://${MASTODON_WORLD.decoyInstance}/@${decoy.username}` },
          { rel: 'self', type: 'application/activity+json', href: `https://${MASTODON_WORLD.decoyInstance}/ap/users/${decoy.accountId}` },
        ],
      }));
    }
  }
  cached = { accounts, decoyAccounts, statuses, webfinger, lookupNotFound };
  return cached;
}

function webfingerAnswer(data: MastodonData, query: URLSearchParams): RouteResponse {
  const resource = query.get('resource');
  // WRITTEN-HERE: Mastodon answers a missing resource with 400 and an unknown one with 404, both empty.
  if (!resource) return { status: 400, body: '' };
  const body = data.webfinger.get(resource.toLowerCase());
  if (!body) return { status: 404, body: '' };
  return rawJson(body, 200, { 'content-type': 'application/jrd+json; charset=utf-8' });
}

function instanceAnswer(data: MastodonData, request: RouteRequest): RouteResponse | undefined {
  if (request.path === '/api/v1/accounts/lookup') {
    const acct = (request.query.get('acct') ?? '').replace(/^@/, '').toLowerCase();
    const local = acct.endsWith(`@${request.host}`) ? acct.slice(0, -request.host.length - 1) : acct;
    const accounts = request.host === MASTODON_WORLD.decoyInstance ? data.decoyAccounts : data.accounts;
    const found = accounts.find((entry) => entry.account.username.toLowerCase() === local);
    return found ? rawJson(found.body) : rawJson(data.lookupNotFound.body, 404, data.lookupNotFound.headers);
  }
  const statuses = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(request.path);
  if (statuses) {
    const entry = data.statuses.get(statuses[1] ?? '');
    return entry ? rawJson(entry.body, 200, entry.headers) : rawJson(data.lookupNotFound.body, 404, data.lookupNotFound.headers);
  }
  return undefined;
}

function handle(request: RouteRequest): RouteResponse | undefined {
  if (request.method !== 'GET') return undefined;
  const data = load();
  const webfingerHosts: string[] = [MASTODON_WORLD.mailDomain, MASTODON_WORLD.decoyInstance];
  if (request.path === '/.well-known/webfinger' && webfingerHosts.includes(request.host)) return webfingerAnswer(data, request.query);
  if (request.host === MASTODON_WORLD.instance || request.host === MASTODON_WORLD.decoyInstance) return instanceAnswer(data, request);
  return undefined;
}

export const mastodonRoute: RouteModule = {
  hosts: [MASTODON_WORLD.mailDomain, MASTODON_WORLD.instance, MASTODON_WORLD.decoyInstance],
  handle,
};
