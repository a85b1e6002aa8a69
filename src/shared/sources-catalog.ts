import type { IdentifierKind, SourceId } from './domain';

/**
 * What each source is, where it sends requests and what it sends: the popup, the onboarding page and
 * the background all read this one table, so what the user is told is what the code does
 * (test/unit/ui/popup/catalog-honesty.test.ts checks `sends` against the identifier kinds each source's
 * requests declare to the audit log).
 */
export interface SourceInfo {
  id: SourceId;
  label: string;
  /** Host names it sends to; '*' for hosts known only at run time (asked per host, with permission). */
  hosts: readonly string[];
  /** Where it sends, in words, for sources whose hosts are known only at run time. */
  hostsText?: string;
  sends: readonly IdentifierKind[];
  /** One plain sentence for the user. */
  sendsText: string;
  defaultOn: boolean;
  /** Reaches hosts only with an optional permission the user grants per host. */
  needsPermission?: boolean;
}

export const SOURCE_CATALOG: readonly SourceInfo[] = [
  {
    id: 'bluesky', label: 'Bluesky', hosts: ['public.api.bsky.app'], sends: ['handle', 'domain', 'name'],
    sendsText: 'Handles built from the address and the sender\'s domain (e.g. jane.acme.com); a name mentioned in a mail only when you click Look up.', defaultOn: true,
  },
  {
    id: 'gravatar', label: 'Gravatar', hosts: ['api.gravatar.com'], sends: ['hash'],
    sendsText: 'A SHA-256 hash of the address, never the address itself.', defaultOn: true,
  },
  {
    id: 'mastodon', label: 'Mastodon / fediverse', hosts: ['*'], sends: ['address', 'handle', 'id'],
    hostsText: 'the sender\'s own mail domain and the fediverse servers it names, each only once you allow it',
    sendsText: 'A WebFinger lookup of the address on the sender\'s own mail server (that server already has it), then the account on its home instance.',
    defaultOn: true, needsPermission: true,
  },
  {
    id: 'github', label: 'GitHub', hosts: ['api.github.com'], sends: ['handle'],
    sendsText: 'Linked GitHub usernames. Searching by email address sends the address itself and has its own switch.', defaultOn: true,
  },
  {
    id: 'hackernews', label: 'Hacker News', hosts: ['hn.algolia.com'], sends: ['handle', 'domain'],
    sendsText: 'Linked usernames and the company\'s domain.', defaultOn: true,
  },
  {
    id: 'wikidata', label: 'Wikidata', hosts: ['query.wikidata.org'], sends: ['domain'],
    sendsText: 'The company\'s web domain, to find its official accounts.', defaultOn: true,
  },
  {
    id: 'companySite', label: 'Company website', hosts: ['*'], sends: ['domain'],
    hostsText: 'the sender\'s company website, each only once you allow it',
    sendsText: 'Requests to the sender\'s company website to find its news feed.', defaultOn: false, needsPermission: true,
  },
];

/** GitHub's search by email: part of the GitHub source, with its own switch because it sends the address. */
export const GITHUB_EMAIL_SEARCH = {
  label: 'Also search GitHub by email address',
  hosts: ['api.github.com'],
  sends: ['address'] as readonly IdentifierKind[],
  sendsText: 'Finds the account whose commits or public profile use the address. GitHub sees the address itself.',
} as const;

export const SOURCE_IDS: readonly SourceId[] = SOURCE_CATALOG.map((source) => source.id);

export function sourceInfo(id: SourceId): SourceInfo {
  const info = SOURCE_CATALOG.find((source) => source.id === id);
  if (!info) throw new Error(`unknown source ${id}`);
  return info;
}

export function sourceLabel(id: string): string {
  return SOURCE_CATALOG.find((source) => source.id === id)?.label ?? id;
}

/** Each kind of identifier as the user reads it (the audit log and the source list). */
export const IDENTIFIER_TEXT: Readonly<Record<IdentifierKind, string>> = {
  hash: 'SHA-256 of the address',
  address: 'the address itself',
  domain: 'a domain',
  handle: 'a handle',
  name: 'a name',
  id: 'an account id',
  none: 'nothing identifying',
};

/** "a handle and a domain" */
export function identifiersText(kinds: readonly IdentifierKind[]): string {
  const words = kinds.map((kind) => IDENTIFIER_TEXT[kind]);
  if (words.length <= 1) return words[0] ?? IDENTIFIER_TEXT.none;
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "api.gravatar.com", or the words for run-time hosts. */
export function hostsText(source: Pick<SourceInfo, 'hosts' | 'hostsText'>): string {
  return source.hostsText ?? source.hosts.join(' and ');
}
