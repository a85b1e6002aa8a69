// api.github.com, answered from the recorded responses in test/fixtures/api/github (PyGithub's replay
// data and one docs example from go-github), sent byte for byte where a recording answers the request.
//
// WRITTEN-HERE, because no recording shows them: an empty list of social accounts or events for a
// recorded user that has none recorded, an empty search result for an address no recording matches,
// and the choice of which recorded 404 body answers an unknown path.
//
// GITHUB_WORLD (WRITTEN-HERE, for the sources end-to-end test and the lookup tool):
//   - wren-okafor: a fictional user re-homed from the recorded jacquev6 (user and public events), with
//     the login, name, id and addresses substituted in the recorded bodies; nothing else is changed.
//   - decoys: users whose *name* is that of a sender in the test conversation but who are someone else.
//     Earshot has no name search, so it must never ask for them; they exist so that asking would find them.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { json, rawJson, type RouteModule, type RouteRequest, type RouteResponse } from '../route-kit';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/api/github/', import.meta.url));
const read = (file: string) => readFileSync(FIXTURES + file, 'utf8');

// Recorded GET /users/{login} answers, by lower-cased login.
const USERS: Readonly<Record<string, string>> = {
  jacquev6: 'users-jacquev6-2025.json',
  thecapypara: 'users-theCapypara-2021.json',
  nvie: 'users-nvie-2012-legacy.json',
};
// GET /users/{login}/events/public, recorded for jacquev6 (2012 payload shapes).
const EVENTS: Readonly<Record<string, string>> = { jacquev6: 'users-jacquev6-events-public-2012.json' };
// The public timeline (GET /events): same Event schema; each actor's own events answer for that actor.
const TIMELINE = 'events-public-timeline-2020.json';
// GitHub's docs example for GET /users/{login}/social_accounts is the account "github"'s list.
const SOCIAL: Readonly<Record<string, string>> = { github: 'social-accounts-go-github-mock-docs-example.json' };
// Recorded commit searches; each one's items all carry one author address.
const COMMIT_SEARCHES = ['search-commits-author-date-2025.json', 'search-commits-hash-2025.json'];
// Recorded user searches, by their query.
const USER_SEARCHES: Readonly<Record<string, string>> = {
  vincent: 'search-users-vincent-2014.json',
  'location:berlin': 'search-users-location-berlin-2014.json',
};
const NOT_FOUND_FILE = 'error-404-user-not-found-2012.json';

export const GITHUB_WORLD = {
  /** Listed as a verified account on Wren Okafor's Gravatar profile (routes/gravatar.ts). */
  /** Her 30 recorded public events (jacquev6's) read as 24 posts. */
  wren: { login: 'wren-okafor', name: 'Wren Okafor', blog: 'wrenokafor.example' },
  /** Same-name accounts that are NOT the senders of the test conversation. */
  decoys: [
    { login: 'wrenokafor', name: 'Wren Okafor' },
    { login: 'danawhitfield', name: 'Dana Whitfield' },
    { login: 'johnlennon', name: 'John Lennon' },
  ],
} as const;

/** A recorded body with the recorded person's names and numbers replaced (a re-homed alias). */
function rehomed(file: string, replacements: ReadonlyArray<readonly [string, string]>): string {
  return replacements.reduce((body, [from, to]) => body.replaceAll(from, to), read(file));
}

const WREN_REPLACEMENTS = [
  ['jacquev6', GITHUB_WORLD.wren.login],
  ['Vincent Jacques', GITHUB_WORLD.wren.name],
  ['vincent@vincent-jacques.net', 'wren@wrenokafor.example'],
  ['vincent-jacques.net', GITHUB_WORLD.wren.blog],
  ['327146', '91827364'],
] as const;

// WRITTEN-HERE: re-homed recorded answers, by lower-cased login.
const ALIAS_USERS: Readonly<Record<string, () => string>> = {
  [GITHUB_WORLD.wren.login]: () => rehomed(USERS.jacquev6!, WREN_REPLACEMENTS),
  ...Object.fromEntries(GITHUB_WORLD.decoys.map((decoy) => [decoy.login, () => rehomed(USERS.nvie!, [
    ['Vincent Driessen', decoy.name], ['"nvie"', `"${decoy.login}"`], ['/nvie', `/${decoy.login}`], ['83844', String(70000000 + decoy.login.length)],
  ])])),
};
const ALIAS_EVENTS: Readonly<Record<string, () => string>> = {
  [GITHUB_WORLD.wren.login]: () => rehomed(EVENTS.jacquev6!, WREN_REPLACEMENTS),
};

/**
 * Response headers not replayed: those that described the recorded transfer itself, those the fake
 * server sets (CORS), and policies a test browser would remember for the real host (HSTS, CT, CSP).
 */
const NOT_REPLAYED = /^(status|content-length|content-encoding|transfer-encoding|connection|access-control-.*|strict-transport-security|expect-ct|content-security-policy)$/;

/**
 * The headers recorded beside a response (`*.headers.txt`: two `#` lines, then a Python list of
 * (name, value) pairs), lower-cased, without those that described the original transfer.
 */
export function recordedHeaders(file: string): Record<string, string> {
  const text = read(file);
  const headers: Record<string, string> = {};
  for (const match of text.matchAll(/\('([^']+)', (?:'([^']*)'|"([^"]*)")\)/g)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!NOT_REPLAYED.test(name)) headers[name] = match[2] ?? match[3] ?? '';
  }
  return headers;
}

/** A recorded error body with its recorded status and headers. */
export function recordedError(name: 'error-403-rate-limit-exceeded-2013' | 'error-403-abuse-secondary-rate-limit-2018' | 'error-404-user-not-found-2012'): RouteResponse {
  const status = Number(/^# status: (\d+)$/m.exec(read(`${name}.headers.txt`))?.[1]);
  return rawJson(read(`${name}.json`), status, recordedHeaders(`${name}.headers.txt`));
}

/**
 * The recorded 403s, for tests that put the fake GitHub over its limit:
 * `server.setRoute('api.github.com', githubRateLimited('primary'))`.
 * primary: the keyless hourly budget spent (x-ratelimit-remaining: 0); secondary: abuse detection (Retry-After: 60).
 */
export function githubRateLimited(kind: 'primary' | 'secondary'): () => RouteResponse {
  const response = recordedError(kind === 'primary' ? 'error-403-rate-limit-exceeded-2013' : 'error-403-abuse-secondary-rate-limit-2018');
  return () => response;
}

const notFound = (): RouteResponse => rawJson(read(NOT_FOUND_FILE), 404);

interface TimelineEvent {
  actor: { login: string };
}

function timelineOf(login: string): TimelineEvent[] {
  return (JSON.parse(read(TIMELINE)) as TimelineEvent[]).filter((event) => event.actor.login.toLowerCase() === login);
}

function user(login: string, rest: string): RouteResponse {
  const alias = ALIAS_USERS[login];
  if (alias) {
    if (rest === '') return rawJson(alias());
    if (rest === '/social_accounts') return json([]);
    if (rest === '/events/public' || rest === '/events') return json(JSON.parse(ALIAS_EVENTS[login]?.() ?? '[]'));
    return notFound();
  }
  const known = USERS[login] !== undefined;
  if (rest === '') return known ? rawJson(read(USERS[login]!)) : notFound();
  if (rest === '/social_accounts') {
    const file = SOCIAL[login];
    if (file) return rawJson(read(file));
    return known ? json([]) : notFound();
  }
  if (rest === '/events/public' || rest === '/events') {
    const file = EVENTS[login];
    if (file) return rawJson(read(file));
    const theirs = timelineOf(login);
    return known || theirs.length > 0 ? json(theirs) : notFound();
  }
  return notFound();
}

interface CommitSearch {
  items: Array<{ commit: { author: { email?: string } | null } }>;
}

function searchCommits(query: string): RouteResponse {
  const email = /(?:^|\s)author-email:(\S+)/i.exec(query)?.[1]?.toLowerCase();
  for (const file of COMMIT_SEARCHES) {
    const body = read(file);
    const { items } = JSON.parse(body) as CommitSearch;
    if (email && items.length > 0 && items.every((item) => item.commit.author?.email?.toLowerCase() === email)) return rawJson(body);
  }
  return json({ total_count: 0, incomplete_results: false, items: [] });
}

function searchUsers(query: string): RouteResponse {
  const file = USER_SEARCHES[query.trim().toLowerCase()];
  return file ? rawJson(read(file)) : json({ total_count: 0, incomplete_results: false, items: [] });
}

function handle(request: RouteRequest): RouteResponse | undefined {
  if (request.method !== 'GET') return undefined;
  const userPath = /^\/users\/([^/]+)(\/.*)?$/.exec(request.path);
  if (userPath) return user(decodeURIComponent(userPath[1] ?? '').toLowerCase(), userPath[2] ?? '');
  const query = request.query.get('q') ?? '';
  if (request.path === '/search/commits') return searchCommits(query);
  if (request.path === '/search/users') return searchUsers(query);
  return notFound();
}

export const githubRoute: RouteModule = { hosts: ['api.github.com'], handle };
