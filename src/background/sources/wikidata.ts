import { isValidHandle } from './bluesky-handles';
import { profileUrl as blueskyProfileUrl } from './bluesky';
import { companyDomain } from './company-domain';
import type { IdentityDraft, LinkedAccount, Source } from './source';
import { validatedBy } from './validate';
import { formatAcct, parseAcct } from './webfinger';
import { fetchableUrl } from './web-url';
import { ACCOUNT_PROPERTIES, organisationQuery, sparqlUrl, WIKIDATA_ENTITY, WIKIDATA_PROPERTY, type AccountProperty } from './wikidata-query';
import { sparqlResultsSchema, sparqlRows } from './wikidata-schemas';

/**
 * The sender's company as Wikidata knows it: the organisation whose official website is the mail
 * domain, and the accounts Wikidata lists as its official ones. One request per domain; Wikidata asks
 * for one request at a time (the scheduler's concurrency of 1) and for a descriptive User-Agent, which
 * a browser extension cannot set (fetch forbids the header), so requests carry the browser's own.
 */
interface Organisation {
  qid: string;
  label: string;
  description: string;
  accounts: Array<{ property: AccountProperty; value: string }>;
}

const NETWORK_NAMES: Record<AccountProperty, string> = {
  P2002: 'X', P4033: 'Mastodon', P12361: 'Bluesky', P2037: 'GitHub', P4264: 'LinkedIn', P1019: 'news feed',
};

function qidOf(iri: string | undefined): string | null {
  const id = iri?.startsWith(WIKIDATA_ENTITY) ? iri.slice(WIKIDATA_ENTITY.length) : '';
  return /^Q\d+$/.test(id) ? id : null;
}

function propertyOf(iri: string | undefined): AccountProperty | null {
  const id = iri?.startsWith(WIKIDATA_PROPERTY) ? iri.slice(WIKIDATA_PROPERTY.length) : '';
  return id in ACCOUNT_PROPERTIES ? (id as AccountProperty) : null;
}

/** Rows (one per official account, or one bare row) grouped by organisation. */
export function organisations(rows: ReadonlyArray<Record<string, string>>): Organisation[] {
  const byQid = new Map<string, Organisation>();
  for (const row of rows) {
    const qid = qidOf(row.org);
    if (!qid) continue;
    let org = byQid.get(qid);
    if (!org) {
      // Without a label in the languages asked for, the label service answers the item id.
      const label = row.orgLabel && row.orgLabel !== qid ? row.orgLabel : '';
      org = { qid, label, description: row.orgDescription ?? '', accounts: [] };
      byQid.set(qid, org);
    }
    const property = propertyOf(row.prop);
    const value = row.value?.trim();
    if (property && value && !org.accounts.some((a) => a.property === property && a.value === value)) org.accounts.push({ property, value });
  }
  return [...byQid.values()];
}

/** Two items can share a website (a company and its brand): the one with more official accounts, else the older item. */
function best(orgs: Organisation[]): Organisation | undefined {
  return [...orgs].sort((a, b) => b.accounts.length - a.accounts.length || Number(a.qid.slice(1)) - Number(b.qid.slice(1)))[0];
}

function accountLink(property: AccountProperty, value: string): Omit<LinkedAccount, 'verified' | 'evidenceText'> | null {
  switch (property) {
    case 'P2002':
      return /^[A-Za-z0-9_]{1,15}$/.test(value) ? { network: 'x', handle: value, url: `https://x.com/${value}` } : null;
    case 'P4033': {
      const acct = parseAcct(value);
      return acct ? { network: 'mastodon', handle: formatAcct(acct), url: `https://${acct.host}/@${acct.user}` } : null;
    }
    case 'P12361': {
      const handle = value.toLowerCase().replace(/^@/, '');
      return isValidHandle(handle) ? { network: 'bluesky', handle, url: blueskyProfileUrl(handle) } : null;
    }
    case 'P2037':
      return /^[A-Za-z0-9-]{1,39}$/.test(value) ? { network: 'github', handle: value, url: `https://github.com/${value}` } : null;
    case 'P4264':
      // Written as account-urls.ts writes a LinkedIn company page, so both name one identity.
      return /^[A-Za-z0-9_.-]{1,100}$/.test(value)
        ? { network: 'linkedin', handle: `company/${value.toLowerCase()}`, url: `https://www.linkedin.com/company/${value}` }
        : null;
    case 'P1019': {
      // The company-site source reads 'web' identities whose handle is a feed URL.
      const feed = fetchableUrl(value);
      return feed ? { network: 'web', handle: feed, url: feed } : null;
    }
  }
}

export function organisationIdentity(domain: string, org: Organisation): IdentityDraft {
  const url = `https://www.wikidata.org/wiki/${org.qid}`;
  const name = org.label || domain;
  const links: LinkedAccount[] = [];
  for (const { property, value } of org.accounts) {
    const link = accountLink(property, value);
    if (!link || links.some((l) => l.network === link.network && l.handle.toLowerCase() === link.handle.toLowerCase())) continue;
    links.push({ ...link, verified: true, evidenceText: `Listed as official on Wikidata: the ${NETWORK_NAMES[property]} of ${name} (${property}).` });
  }
  const identity: IdentityDraft = {
    network: 'web',
    handle: domain,
    url,
    displayName: name,
    tier: 'C',
    evidence: [{ kind: 'wikidata-official-website', text: `Wikidata lists ${domain} as the official website of ${name} (${org.qid}).`, url }],
  };
  if (org.description) identity.description = org.description;
  if (links.length > 0) identity.links = links;
  return identity;
}

export const wikidataSource: Source = {
  id: 'wikidata',

  async resolve(person, http) {
    const domain = companyDomain(person);
    if (!domain) return [];
    const answer = await http.getJson(sparqlUrl(organisationQuery(domain)), 'domain', validatedBy(sparqlResultsSchema, 'SPARQL results'));
    if (!answer.ok) return [];
    const org = best(organisations(sparqlRows(answer.data)));
    return org ? [organisationIdentity(domain, org)] : [];
  },
};
