/**
 * The one SPARQL query the Wikidata source sends: organisations whose official website (P856) is the
 * sender's domain, with their official accounts, one row per account (no cross product of OPTIONALs).
 */

/** Properties read, by the network they name. */
export const ACCOUNT_PROPERTIES = {
  P2002: 'x',
  P4033: 'mastodon',
  P12361: 'bluesky',
  P2037: 'github',
  P4264: 'linkedin',
  P1019: 'feed',
} as const;

export type AccountProperty = keyof typeof ACCOUNT_PROPERTIES;

export const WIKIDATA_ENTITY = 'http://www.wikidata.org/entity/';
export const WIKIDATA_PROPERTY = 'http://www.wikidata.org/prop/direct/';

const DOMAIN = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

/**
 * The ways a website is written in P856 for one domain: http and https, with and without www, with and
 * without the trailing slash. The domain goes into IRIs, so it is checked to be a plain host name.
 */
export function websiteVariants(domain: string): string[] {
  const bare = domain.toLowerCase().replace(/^www\./, '');
  if (!DOMAIN.test(bare)) throw new Error(`not a domain: ${domain}`);
  return ['https', 'http'].flatMap((scheme) => [bare, `www.${bare}`].flatMap((host) => [`${scheme}://${host}/`, `${scheme}://${host}`]));
}

export function organisationQuery(domain: string): string {
  const sites = websiteVariants(domain).map((site) => `<${site}>`).join(' ');
  const properties = Object.keys(ACCOUNT_PROPERTIES).map((property) => `wdt:${property}`).join(' ');
  // Items that are humans (Q5) are people with a website, not the sender's company.
  return [
    'SELECT ?org ?orgLabel ?orgDescription ?prop ?value WHERE {',
    `  VALUES ?site { ${sites} }`,
    '  ?org wdt:P856 ?site .',
    '  FILTER NOT EXISTS { ?org wdt:P31 wd:Q5 . }',
    `  OPTIONAL { VALUES ?prop { ${properties} } ?org ?prop ?value . }`,
    '  SERVICE wikibase:label { bd:serviceParam wikibase:language "en,mul,de,fr,es,it,nl,pt,pl,sv,ja,zh". }',
    '}',
    'LIMIT 200',
  ].join('\n');
}

export function sparqlUrl(query: string): string {
  return `https://query.wikidata.org/sparql?format=json&query=${encodeURIComponent(query)}`;
}
