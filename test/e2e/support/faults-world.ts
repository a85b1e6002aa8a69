// What the fault tests know about the sources and the conversation they look up: where each source's
// requests go (to aim a fault at it), and which sources are faulted together.
//
// The conversation is sources.e2e.ts's: Wren Okafor, Dana Whitfield and John Lennon, with every source
// on (test/fixtures/mail/e2e/PROVENANCE.md). Seven sources × five faults, one case each, is too slow
// if every case is its own lookup, so each fault is put on a group of sources at once while the other
// group stays healthy, then on the other group: every source gets every fault, and every case has
// healthy sources to show that "the others still land".

import type { SourceId } from '../../../src/shared/domain';
import type { Fault } from '../harness/fake-server';

export const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/1928a4c3e5f60e41';
export const PEOPLE = ['Wren Okafor', 'Dana Whitfield', 'John Lennon'] as const;

export const ALL_SOURCE_IDS: readonly SourceId[] = ['bluesky', 'gravatar', 'mastodon', 'github', 'hackernews', 'wikidata', 'companySite'];

/**
 * Faulted together. Gravatar is where Wren's other accounts come from, and the company sites share
 * their hosts with the WebFinger that Mastodon asks, so the two stay in different groups.
 */
export const SOURCE_GROUPS: readonly (readonly SourceId[])[] = [
  ['bluesky', 'github', 'hackernews', 'companySite'],
  ['gravatar', 'mastodon', 'wikidata'],
];

const WEBFINGER = ['acme.example/.well-known/webfinger', 'cloud-blog.example/.well-known/webfinger'];

/** Fault targets (`host` or `host/path/prefix`) that reach exactly one source's requests. */
const TARGETS: Record<SourceId, { faulted: string[]; exempt?: string[] }> = {
  bluesky: { faulted: ['public.api.bsky.app'] },
  gravatar: { faulted: ['api.gravatar.com'] },
  mastodon: { faulted: ['social.acme.example', ...WEBFINGER] },
  github: { faulted: ['api.github.com'] },
  hackernews: { faulted: ['hn.algolia.com'] },
  wikidata: { faulted: ['query.wikidata.org'] },
  // The company's own site, minus the WebFinger that Mastodon asks on the same host.
  companySite: { faulted: ['acme.example', 'cloud-blog.example'], exempt: WEBFINGER },
};

/** Host names to make unresolvable so that a source's requests fail at DNS. */
export const SOURCE_HOSTS: Record<SourceId, string[]> = {
  bluesky: ['public.api.bsky.app'],
  gravatar: ['api.gravatar.com'],
  mastodon: ['social.acme.example'],
  github: ['api.github.com'],
  hackernews: ['hn.algolia.com'],
  wikidata: ['query.wikidata.org'],
  // Also the WebFinger host of Dana's and John's domains: a domain that does not resolve fails both.
  companySite: ['acme.example', 'cloud-blog.example'],
};

/** The sources a DNS failure of `hosts` reaches: the ones asked for, and any other that asks those hosts. */
export function sourcesReachedByHosts(hosts: readonly string[], sources: readonly SourceId[]): SourceId[] {
  const reached = new Set(sources);
  if (hosts.includes('acme.example') || hosts.includes('cloud-blog.example')) reached.add('mastodon');
  return [...reached];
}

/** The fault table entries that put `fault` on every source in `sources`. */
export function faultEntries(sources: readonly SourceId[], fault: Fault | null): [string, Fault | null][] {
  const entries: [string, Fault | null][] = [];
  for (const source of sources) {
    for (const target of TARGETS[source].faulted) entries.push([target, fault]);
    for (const target of TARGETS[source].exempt ?? []) {
      if (!sources.some((other) => TARGETS[other].faulted.includes(target))) entries.push([target, fault === null ? null : { kind: 'pass' }]);
    }
  }
  return entries;
}
