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
  cached = { accounts, statuses, webfinger, lookupNotFound };
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
    const local = acct.endsWith(`@${MASTODON_WORLD.instance}`) ? acct.slice(0, -MASTODON_WORLD.instance.length - 1) : acct;
    const found = data.accounts.find((entry) => entry.account.username.toLowerCase() === local);
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
  if (request.path === '/.well-known/webfinger' && request.host === MASTODON_WORLD.mailDomain) return webfingerAnswer(data, request.query);
  if (request.host === MASTODON_WORLD.instance) return instanceAnswer(data, request);
  return undefined;
}

export const mastodonRoute: RouteModule = { hosts: [MASTODON_WORLD.mailDomain, MASTODON_WORLD.instance], handle };
