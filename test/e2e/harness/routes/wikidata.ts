// query.wikidata.org/sparql, answering the Wikidata source's query (organisations by official website,
// with their official accounts) the way the real endpoint would, from:
//   - the recorded entities in test/fixtures/api/wikidata (Q2112 Bielefeld, whose P856 is
//     https://www.bielefeld.de/; Q328212 Veronica Roth, a human, left out by the query's filter;
//     Q3235026 from the wbgetentities envelope, which has no website);
//   - one WRITTEN-HERE organisation, Acme Corporation at acme.example, with official accounts that the
//     other fake routes serve (its Mastodon account on social.acme.example, its feed on cloud-blog.example);
//   - a second WRITTEN-HERE organisation, Cloud Blog Inc. at cloud-blog.example, for the sources
//     end-to-end test: its official Bluesky handle and news feed are the ones the Bluesky and company-site
//     fakes serve, so three sources name the same company.
// It reads the query's `VALUES ?site { … }`, not SPARQL in general: any other query gets no rows.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { json, type RouteModule, type RouteRequest, type RouteResponse } from '../route-kit';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/api/wikidata/', import.meta.url));
const ENTITY = 'http://www.wikidata.org/entity/';
const DIRECT = 'http://www.wikidata.org/prop/direct/';
const HUMAN_FILTER = 'FILTER NOT EXISTS { ?org wdt:P31 wd:Q5 . }';
const ACCOUNT_PROPERTIES = ['P2002', 'P4033', 'P12361', 'P2037', 'P4264', 'P1019'];

interface Claim {
  rank: string;
  mainsnak: { datavalue?: { value: unknown } };
}

interface Entity {
  id: string;
  labels: Record<string, { value: string }>;
  descriptions: Record<string, { value: string }>;
  claims: Record<string, Claim[]>;
}

// WRITTEN-HERE: an organisation in the entity shape, with values for the properties the source reads.
function written(id: string, label: string, description: string, claims: Record<string, string[]>): Entity {
  return {
    id,
    labels: { en: { value: label } },
    descriptions: { en: { value: description } },
    claims: Object.fromEntries(Object.entries(claims).map(([property, values]) => [
      property, values.map((value) => ({ rank: 'normal', mainsnak: { datavalue: { value } } })),
    ])),
  };
}

export const WIKIDATA_WORLD = {
  acme: { domain: 'acme.example', qid: 'Q9999991', label: 'Acme Corporation' },
  bielefeld: { domain: 'bielefeld.de', qid: 'Q2112', label: 'Bielefeld' },
  cloudBlog: { domain: 'cloud-blog.example', qid: 'Q9999992', label: 'Cloud Blog Inc.' },
} as const;

let cached: Entity[] | undefined;

function entities(): Entity[] {
  if (cached) return cached;
  const read = <T>(file: string): T => JSON.parse(readFileSync(FIXTURES + file, 'utf8')) as T;
  cached = [
    read<Entity>('entity-Q2112-bielefeld-with-P856.json'),
    read<Entity>('entity-Q328212-veronica-roth-person-with-P856.json'),
    ...Object.values(read<{ entities: Record<string, Entity> }>('wbgetentities-response-envelope-Q3235026.json').entities),
    written(WIKIDATA_WORLD.acme.qid, WIKIDATA_WORLD.acme.label, 'maker of everything', {
      P856: ['https://acme.example/'],
      P2002: ['acme'],
      P4033: ['mastodonpy_test_2@social.acme.example'],
      P2037: ['acme-corp'],
      P1019: ['https://cloud-blog.example/blog/rss'],
    }),
    written(WIKIDATA_WORLD.cloudBlog.qid, WIKIDATA_WORLD.cloudBlog.label, 'publisher of a cloud computing blog', {
      P856: ['https://cloud-blog.example/'],
      P12361: ['cloud-blog.example'],
      P1019: ['https://cloud-blog.example/blog/rss'],
    }),
  ];
  return cached;
}

/** Truthy values of a property: deprecated statements are left out, as wdt: does. */
function values(entity: Entity, property: string): string[] {
  return (entity.claims[property] ?? []).filter((claim) => claim.rank !== 'deprecated').flatMap((claim) => {
    const value = claim.mainsnak.datavalue?.value;
    if (typeof value === 'string') return [value];
    const id = (value as { id?: string; 'numeric-id'?: number } | undefined);
    return id?.id ? [id.id] : id?.['numeric-id'] !== undefined ? [`Q${id['numeric-id']}`] : [];
  });
}

const literal = (value: string) => ({ 'xml:lang': 'en', type: 'literal', value });

/** The SPARQL JSON results the source's query gets: one binding per official account, or one bare. */
export function wikidataAnswer(query: string): unknown {
  const sites = /VALUES \?site \{([^}]*)\}/.exec(query)?.[1]?.match(/<[^>]+>/g)?.map((iri) => iri.slice(1, -1)) ?? [];
  const bindings = entities()
    .filter((entity) => values(entity, 'P856').some((site) => sites.includes(site)))
    .filter((entity) => !(query.includes(HUMAN_FILTER) && values(entity, 'P31').includes('Q5')))
    .flatMap((entity) => {
      const org = {
        org: { type: 'uri', value: `${ENTITY}${entity.id}` },
        // The label service answers the item id when it has no label in the languages asked for.
        orgLabel: literal(entity.labels.en?.value ?? entity.labels.mul?.value ?? entity.id),
        ...(entity.descriptions.en ? { orgDescription: literal(entity.descriptions.en.value) } : {}),
      };
      const accounts = ACCOUNT_PROPERTIES.flatMap((property) => values(entity, property).map((value) => ({
        ...org, prop: { type: 'uri', value: `${DIRECT}${property}` }, value: { type: 'literal', value },
      })));
      return accounts.length > 0 ? accounts : [org];
    });
  return { head: { vars: ['org', 'orgLabel', 'orgDescription', 'prop', 'value'] }, results: { bindings } };
}

function handle(request: RouteRequest): RouteResponse | undefined {
  if (request.method !== 'GET' || request.path !== '/sparql') return undefined;
  const query = request.query.get('query');
  // WRITTEN-HERE: the endpoint's answer to a request without a query.
  if (!query) return { status: 400, headers: { 'content-type': 'text/plain' }, body: 'Missing query' };
  return json(wikidataAnswer(query), 200, { 'content-type': 'application/sparql-results+json; charset=utf-8' });
}

export const wikidataRoute: RouteModule = { hosts: ['query.wikidata.org'], handle };
