import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { upsertPerson } from '../../../src/db/people';
import { Scheduler } from '../../../src/background/scheduler/scheduler';
import { resolveJobsFor } from '../../../src/background/resolver';
import { organisationIdentity, organisations, wikidataSource } from '../../../src/background/sources/wikidata';
import { organisationQuery, sparqlUrl, websiteVariants } from '../../../src/background/sources/wikidata-query';
import { sparqlResultsSchema, sparqlRows } from '../../../src/background/sources/wikidata-schemas';
import { parseSettings, type Settings } from '../../../src/shared/settings';
import type { Participant } from '../../../src/shared/thread';
import { wikidataAnswer } from '../../e2e/harness/routes/wikidata';

const DIR = join(__dirname, '../../fixtures/api/wikidata');

function fixture<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(join(DIR, file), 'utf8')) as T;
}

describe('SPARQL JSON results (recorded)', () => {
  it('reads a single-variable answer, blank nodes included', () => {
    expect(sparqlRows(sparqlResultsSchema.parse(fixture('sparql-json-single-var-results.json')))).toEqual([
      { genre: 'http://www.wikidata.org/entity/Q112983' },
      { genre: 'http://www.wikidata.org/entity/Q185598' },
      { genre: 'http://www.wikidata.org/entity/Q3879286' },
      { genre: 't284055162' },
      { genre: 'http://www.wikidata.org/entity/Q1473346' },
    ]);
  });

  it('leaves OPTIONAL variables that are unbound out of the row', () => {
    const [row, ...rest] = sparqlRows(sparqlResultsSchema.parse(fixture('sparql-json-optional-values-results.json')));
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ label: 'Tarzan', composerLabel: 'David Newman', duration: '94', countryOfOriginLabel: 'Allemagne' });
    expect(row).not.toHaveProperty('musicBrainzRGId');
    expect(Object.keys(row ?? {})).toHaveLength(12);
  });

  it('reads labels, descriptions and aliases from the label service', () => {
    const rows = sparqlRows(sparqlResultsSchema.parse(fixture('sparql-json-labels-descriptions-aliases-results.json')));
    expect(rows).toHaveLength(50);
    expect(rows[0]).toEqual({
      item: 'http://www.wikidata.org/entity/Q5798647', pseudonyme: '11', itemLabel: 'Daniel Rojo',
      itemDescription: 'Spanish writer and actor', itemAltLabel: 'Daniel Rojo Bonilla',
    });
    expect(rows[49]?.itemAltLabel).toBe('Atom™');
  });

  it('refuses the other recorded Wikidata answers as SPARQL results', () => {
    for (const file of ['query-list-search-cirrus-response.json', 'wbgetentities-response-envelope-Q3235026.json', 'entity-Q2112-bielefeld-with-P856.json']) {
      expect(sparqlResultsSchema.safeParse(fixture(file)).success).toBe(false);
    }
  });
});

describe('the query', () => {
  it('asks for every way the website may be written, and leaves people out', () => {
    expect(websiteVariants('www.Acme.example')).toEqual([
      'https://acme.example/', 'https://acme.example', 'https://www.acme.example/', 'https://www.acme.example',
      'http://acme.example/', 'http://acme.example', 'http://www.acme.example/', 'http://www.acme.example',
    ]);
    const query = organisationQuery('acme.example');
    expect(query).toContain('?org wdt:P856 ?site .');
    expect(query).toContain('FILTER NOT EXISTS { ?org wdt:P31 wd:Q5 . }');
    expect(query).toContain('VALUES ?prop { wdt:P2002 wdt:P4033 wdt:P12361 wdt:P2037 wdt:P4264 wdt:P1019 }');
    expect(sparqlUrl(query).startsWith('https://query.wikidata.org/sparql?format=json&query=SELECT%20%3Forg')).toBe(true);
  });

  it('never puts anything but a host name into the query', () => {
    expect(() => websiteVariants('acme.example> } ?x ?y ?z . { <x')).toThrow();
    expect(() => websiteVariants('localhost')).toThrow();
  });
});

// WRITTEN HERE (no recording has an organisation with official accounts): the answer the real endpoint
// gives the source's query, one binding per account, for a made-up company at acme.example.
const P = 'http://www.wikidata.org/prop/direct/';
function account(prop: string, value: string) {
  return {
    org: { type: 'uri', value: 'http://www.wikidata.org/entity/Q9999991' },
    orgLabel: { 'xml:lang': 'en', type: 'literal', value: 'Acme Corporation' },
    orgDescription: { 'xml:lang': 'en', type: 'literal', value: 'maker of everything' },
    prop: { type: 'uri', value: `${P}${prop}` },
    value: { type: 'literal', value },
  };
}
const ACME_ANSWER = {
  head: { vars: ['org', 'orgLabel', 'orgDescription', 'prop', 'value'] },
  results: {
    bindings: [
      account('P2002', 'acme'), account('P4033', 'news@social.acme.example'), account('P12361', 'acme.example'),
      account('P2037', 'acme-corp'), account('P4264', 'acme-corporation'), account('P1019', 'https://acme.example/feed.xml'),
      account('P1019', 'http://10.0.0.1/feed.xml'), account('P2002', 'not a handle!'),
      { org: { type: 'uri', value: 'http://www.wikidata.org/entity/Q9999992' }, orgLabel: { type: 'literal', value: 'Q9999992' } },
    ],
  },
};

describe('organisationIdentity', () => {
  it('makes a company identity whose official accounts are verified links', () => {
    const [org] = organisations(sparqlRows(sparqlResultsSchema.parse(ACME_ANSWER)));
    const identity = organisationIdentity('acme.example', org!);
    expect(identity).toMatchObject({
      network: 'web', handle: 'acme.example', url: 'https://www.wikidata.org/wiki/Q9999991', displayName: 'Acme Corporation',
      description: 'maker of everything', tier: 'C',
    });
    expect(identity.evidence).toEqual([{
      kind: 'wikidata-official-website', text: 'Wikidata lists acme.example as the official website of Acme Corporation (Q9999991).',
      url: 'https://www.wikidata.org/wiki/Q9999991',
    }]);
    expect(identity.links?.map((link) => [link.network, link.handle, link.url, link.verified])).toEqual([
      ['x', 'acme', 'https://x.com/acme', true],
      ['mastodon', 'news@social.acme.example', 'https://social.acme.example/@news', true],
      ['bluesky', 'acme.example', 'https://bsky.app/profile/acme.example', true],
      ['github', 'acme-corp', 'https://github.com/acme-corp', true],
      ['linkedin', 'company/acme-corporation', 'https://www.linkedin.com/company/acme-corporation', true],
      ['web', 'https://acme.example/feed.xml', 'https://acme.example/feed.xml', true],
    ]);
    expect(identity.links?.[0]?.evidenceText).toBe('Listed as official on Wikidata: the X of Acme Corporation (P2002).');
  });
});

let db: EarshotDatabase;
let settings: Settings;
const clock = Date.parse('2026-11-22T10:00:00Z');

beforeEach(() => {
  db = new EarshotDatabase(`test-${Math.random()}`);
  settings = parseSettings({ onboarded: true });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function endpoint(answer: (query: string) => unknown) {
  const requests: string[] = [];
  const fetchFake = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(String(input));
    requests.push(url.href);
    if (url.host !== 'query.wikidata.org' || url.pathname !== '/sparql') return new Response('', { status: 404 });
    return new Response(JSON.stringify(answer(url.searchParams.get('query') ?? '')), { status: 200, headers: { 'content-type': 'application/sparql-results+json' } });
  };
  return { requests, fetch: fetchFake as typeof fetch };
}

async function lookUp(fetchImpl: typeof fetch, participant: Participant) {
  const s = new Scheduler({ db, sources: [wikidataSource], fetch: fetchImpl, loadSettings: async () => settings, now: () => clock, wakeAt: () => undefined, hasHostPermission: async () => true });
  const person = await upsertPerson(db, participant, clock);
  await s.enqueue(resolveJobsFor(person, [wikidataSource], settings, 0, clock));
  await s.idle();
  return person.id;
}

const person = (email: string): Participant => ({ name: 'Someone', email, roles: ['from'], messageCount: 1, isPerson: true });

// The fake endpoint is the e2e harness's: it answers from the recorded entities (and one written
// organisation, Acme Corporation at acme.example) as the real endpoint would answer the source's query.
describe('scheduler with the Wikidata source', () => {
  it('finds the organisation of a recorded entity in one request', async () => {
    const api = endpoint(wikidataAnswer);
    const personId = await lookUp(api.fetch, person('amt@bielefeld.de'));
    expect(api.requests).toEqual([sparqlUrl(organisationQuery('bielefeld.de'))]);
    const identities = await db.identities.where('personId').equals(personId).toArray();
    expect(identities.map((i) => [i.network, i.handle, i.tier, i.displayName, i.description, i.url])).toEqual([
      ['web', 'bielefeld.de', 'C', 'Bielefeld', 'city in Germany', 'https://www.wikidata.org/wiki/Q2112'],
    ]);
    const log = await db.requestLog.toArray();
    expect(log.map((e) => [e.source, e.host, e.path, e.identifierKind])).toEqual([['wikidata', 'query.wikidata.org', '/sparql', 'domain']]);
  });

  it('finds nothing for a person\'s own website, and asks nothing for free mail', async () => {
    const api = endpoint(wikidataAnswer);
    const roth = await lookUp(api.fetch, person('hello@veronicarothbooks.blogspot.com'));
    expect((await db.people.get(roth))?.lookups.wikidata?.state).toBe('none');
    await lookUp(api.fetch, person('someone@gmail.com'));
    expect(api.requests).toHaveLength(1);
    expect(await db.identities.count()).toBe(0);
  });

  it('stores the official accounts as company identities of their own', async () => {
    const api = endpoint(wikidataAnswer);
    const personId = await lookUp(api.fetch, person('jane@acme.example'));
    expect(api.requests).toEqual([sparqlUrl(organisationQuery('acme.example'))]);
    const identities = await db.identities.where('personId').equals(personId).toArray();
    expect(identities.map((i) => [i.network, i.handle, i.tier, i.linkedFrom ?? null]).sort()).toEqual([
      ['github', 'acme-corp', 'C', 'jane@acme.example|web:acme.example'],
      ['mastodon', 'mastodonpy_test_2@social.acme.example', 'C', 'jane@acme.example|web:acme.example'],
      ['web', 'acme.example', 'C', null],
      ['web', 'https://cloud-blog.example/blog/rss', 'C', 'jane@acme.example|web:acme.example'],
      ['x', 'acme', 'C', 'jane@acme.example|web:acme.example'],
    ]);
  });
});
