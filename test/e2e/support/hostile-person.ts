// Reading one person as the sidebar shows them, and checking it against what the hostile cases expect.

import type { Frame, Page } from 'puppeteer-core';
import type { CaseBase, Expect, Slot } from '../../fixtures/hostile/kit';
import type { HostileSource, SlotCases } from '../../fixtures/hostile/world';

/** The sidebar's name for each source ("Bluesky failed: …"), and the network label of its identities. */
export const SOURCE_LABELS: Record<HostileSource, { source: string; network: string }> = {
  bluesky: { source: 'Bluesky', network: 'Bluesky' },
  gravatar: { source: 'Gravatar', network: 'Gravatar' },
  github: { source: 'GitHub', network: 'GitHub' },
  mastodon: { source: 'Mastodon / fediverse', network: 'Mastodon' },
  hackernews: { source: 'Hacker News', network: 'Hacker News' },
  wikidata: { source: 'Wikidata', network: 'Web' },
  companySite: { source: 'Company website', network: 'Web' },
};

const SOURCES = Object.keys(SOURCE_LABELS) as HostileSource[];

/**
 * A post text as compared here: long texts (the 1 MB ones) by their start, length and a hash, so each
 * poll does not carry megabytes over the DevTools connection. The same function runs in the page.
 */
export function digest(text: string): string {
  if (text.length <= 2_000) return text;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${text.slice(0, 200)}…[${text.length} chars, ${hash.toString(16)}]`;
}

export interface PersonState {
  name: string;
  resolving: boolean;
  settled: boolean;
  /** The sources the sidebar says failed, by name. */
  failed: string[];
  /** The whole failure lines, for the report. */
  failedLines: string[];
  skipped: string[];
  rows: string[];
  /** Own posts and company news, as digests. */
  posts: string[];
}

export async function readPerson(context: Page | Frame): Promise<PersonState> {
  return context.evaluate((digestSource) => {
    const digestIn = new Function(`return (${digestSource})`)() as (text: string) => string;
    const all = (selector: string) => [...document.querySelectorAll(selector)];
    const text = (element: Element | null | undefined) => (element?.textContent ?? '').trim();
    return {
      name: text(document.querySelector('[data-testid="person-name"]')),
      resolving: all('[data-testid="resolving"]').length > 0,
      settled: all('[data-testid="lookup-state"] .meta').length > 0,
      failed: all('[data-testid="source-failed"]').map((line) => text(line).split(' failed:')[0] ?? ''),
      failedLines: all('[data-testid="source-failed"]').map(text),
      skipped: all('[data-testid="source-skipped"]').map(text),
      rows: all('[data-testid="person"] [data-testid="identity"]').map((item) =>
        `${text(item.querySelector('.network'))} ${text(item.querySelector('[data-testid="identity-handle"]'))} · ${text(item.querySelector('[data-testid="identity-badge"]'))}`),
      posts: all('[data-testid="person"] [data-testid="post-text"]').map((element) => digestIn(text(element))),
    };
  }, digest.toString());
}

/** Everything the person's cases expect, with the source each expectation comes from. */
export interface PersonExpectation {
  cases: Array<{ source: HostileSource; id: string; expect: Expect }>;
  posts: string[];
  failedSources: string[];
}

export function expectationOf(person: SlotCases): PersonExpectation {
  const cases = SOURCES.flatMap((source) => {
    const hostileCase = person[source] as CaseBase | undefined;
    return hostileCase ? [{ source, id: hostileCase.id, expect: hostileCase.expect(person.slot) }] : [];
  });
  return {
    cases,
    posts: cases.flatMap((c) => c.expect.posts ?? []).map((text) => digest(text.trim())),
    failedSources: cases.filter((c) => c.expect.failed).map((c) => SOURCE_LABELS[c.source].source).sort(),
  };
}

/** True once everything expected to show has shown and no source is still resolving. */
export function arrived(state: PersonState, expected: PersonExpectation): boolean {
  const rows = new Set(state.rows);
  return !state.resolving && state.settled
    && expected.posts.every((post) => state.posts.includes(post))
    && expected.failedSources.every((source) => state.failed.includes(source))
    && expected.cases.every((c) => (c.expect.identities ?? []).every((row) => rows.has(row)));
}

/** How the row of the identity a source finds for this person itself begins. */
function ownRowStart(source: HostileSource, slot: Slot): string {
  switch (source) {
    case 'bluesky': return `Bluesky ${slot.blueskyHandle} `;
    case 'gravatar': return 'Gravatar ';
    case 'github': return `GitHub ${slot.githubLogin} `;
    case 'mastodon': return `Mastodon pat@${slot.domain} `;
    case 'hackernews': return `Hacker News ${slot.domain} `;
    case 'wikidata': return `Web ${slot.domain} `;
    case 'companySite': return `Web https://${slot.domain}/`;
  }
}

/** What is wrong with the person as shown: one line per broken expectation, naming the case. */
export function problems(state: PersonState, expected: PersonExpectation, slot: Slot): string[] {
  const found: string[] = [];
  const failed = [...new Set(state.failed)].sort();
  if (failed.join() !== expected.failedSources.join()) {
    found.push(`${slot.key}: failed sources ${JSON.stringify(failed)}, expected ${JSON.stringify(expected.failedSources)}: ${state.failedLines.join(' | ')}`);
  }
  if (state.skipped.length > 0) found.push(`${slot.key}: skipped ${JSON.stringify(state.skipped)}`);
  for (const { source, id, expect: e } of expected.cases) {
    for (const post of e.posts ?? []) if (!state.posts.includes(digest(post.trim()))) found.push(`${id}: post not shown: ${digest(post).slice(0, 80)}`);
    for (const post of e.absent ?? []) if (state.posts.includes(digest(post.trim()))) found.push(`${id}: post shown that must not be: ${post.slice(0, 80)}`);
    for (const post of e.once ?? []) {
      const count = state.posts.filter((shown) => shown === digest(post.trim())).length;
      if (count !== 1) found.push(`${id}: post shown ${count} times, expected once: ${post.slice(0, 80)}`);
    }
    for (const row of e.identities ?? []) if (!state.rows.includes(row)) found.push(`${id}: identity not shown: ${row}`);
    if (e.identities?.length === 0) {
      const stray = state.rows.filter((row) => row.startsWith(ownRowStart(source, slot)));
      if (stray.length > 0) found.push(`${id}: identity shown that must not be: ${stray.join('; ')}`);
    }
  }
  return found;
}
