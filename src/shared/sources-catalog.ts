import type { IdentifierKind, SourceId } from './domain';

/**
 * What each source is, where it sends requests and what it sends: the popup, the onboarding page and
 * the background all read this one table, so what the user is told is what the code does.
 */
export interface SourceInfo {
  id: SourceId;
  label: string;
  hosts: readonly string[];
  sends: readonly IdentifierKind[];
  /** One plain sentence for the user. */
  sendsText: string;
  defaultOn: boolean;
}

export const SOURCE_CATALOG: readonly SourceInfo[] = [
  {
    id: 'bluesky', label: 'Bluesky', hosts: ['public.api.bsky.app'], sends: ['handle', 'domain'],
    sendsText: 'Handles built from the address and the sender\'s domain (e.g. jane.acme.com).', defaultOn: true,
  },
  {
    id: 'gravatar', label: 'Gravatar', hosts: ['api.gravatar.com'], sends: ['hash'],
    sendsText: 'A SHA-256 hash of the address, never the address itself.', defaultOn: true,
  },
  {
    id: 'mastodon', label: 'Mastodon / fediverse', hosts: ['*'], sends: ['address', 'handle', 'id'],
    sendsText: 'A WebFinger lookup of the address on the sender\'s own mail server (that server already has it), then the account on its home instance. Needs your permission per server.', defaultOn: true,
  },
  {
    id: 'github', label: 'GitHub', hosts: ['api.github.com'], sends: ['handle'],
    sendsText: 'Linked GitHub usernames. Search by email sends the address itself and has its own switch.', defaultOn: true,
  },
  {
    id: 'hackernews', label: 'Hacker News', hosts: ['hn.algolia.com'], sends: ['handle', 'domain'],
    sendsText: 'Linked usernames and the company\'s domain.', defaultOn: true,
  },
  {
    id: 'wikidata', label: 'Wikidata', hosts: ['www.wikidata.org', 'query.wikidata.org'], sends: ['domain'],
    sendsText: 'The company\'s web domain, to find its official accounts.', defaultOn: true,
  },
  {
    id: 'companySite', label: 'Company website', hosts: ['*'], sends: ['domain'],
    sendsText: 'Requests to the sender\'s company website to find its news feed.', defaultOn: false,
  },
];

export const SOURCE_IDS: readonly SourceId[] = SOURCE_CATALOG.map((source) => source.id);

export function sourceInfo(id: SourceId): SourceInfo {
  const info = SOURCE_CATALOG.find((source) => source.id === id);
  if (!info) throw new Error(`unknown source ${id}`);
  return info;
}
