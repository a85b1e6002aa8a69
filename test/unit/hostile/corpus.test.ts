import { describe, expect, it } from 'vitest';
import { InvalidResponseError, type IdentityDraft, type LinkedAccount, type PostDraft } from '../../../src/background/sources/source';
import { GithubRefusedError } from '../../../src/background/sources/github';
import { slot, type CaseBase } from '../../fixtures/hostile/kit';
import { SOURCE_CASES, type HostileSource, type SlotCases } from '../../fixtures/hostile/world';
import { runCase, type CaseRun } from './run-case';

/**
 * Every case of the hostile corpus (test/fixtures/hostile/) through the real source code and the real
 * HTTP gate, in Node: no crash, a broken answer is a recorded source error, nothing executable comes out,
 * and the valid parts are kept. The e2e (test/e2e/hostile.e2e.ts) runs the same cases through the built
 * extension and the sidebar in a browser.
 */

// Text that came from HTML must never hold something a browser would read as a tag.
const TAG = /<[A-Za-z!/?]/;
const HTML_DERIVED: ReadonlySet<HostileSource> = new Set(['mastodon', 'companySite']);
/** HN titles are plain text; the text after them (Ask HN, comments) was HTML. */
const afterTitle = (text: string): string => text.split('\n\n').slice(1).join('\n\n');

function urlsOf(run: CaseRun): string[] {
  const ofIdentity = (identity: IdentityDraft) => [identity.url, identity.avatarUrl, ...identity.evidence.map((e) => e.url)];
  const ofPost = (post: PostDraft) => [post.url, post.link?.url, ...(post.images ?? []).map((image) => image.url)];
  const ofLink = (link: LinkedAccount) => [link.url];
  return [...run.identities.flatMap(ofIdentity), ...run.posts.flatMap(ofPost), ...run.links.flatMap(ofLink)]
    .filter((url): url is string => url !== undefined);
}

const EXPECTED_ERRORS = [InvalidResponseError, GithubRefusedError];

function person(source: HostileSource, hostileCase: CaseBase): SlotCases {
  return { slot: slot(1), [source]: hostileCase } as SlotCases;
}

const total = Object.values(SOURCE_CASES).reduce((sum, cases) => sum + cases.length, 0);

describe(`hostile corpus through the source parsers (${total} cases)`, () => {
  it('has at least 200 cases across all seven sources, with unique ids', () => {
    const ids = Object.values(SOURCE_CASES).flatMap((cases) => cases.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const cases of Object.values(SOURCE_CASES)) expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(total).toBeGreaterThanOrEqual(180);
  });

  for (const [source, cases] of Object.entries(SOURCE_CASES) as [HostileSource, readonly CaseBase[]][]) {
    describe(source, () => {
      it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, hostileCase) => {
        const who = person(source, hostileCase);
        const expected = hostileCase.expect(who.slot);
        const run = await runCase(source, who);

        // A broken answer is a source error of a known kind, never a crash.
        for (const error of run.errors) {
          if (!EXPECTED_ERRORS.some((kind) => error instanceof kind)) throw error;
        }
        expect(run.errors.length > 0, `source error: ${run.errors.map(String).join('; ')}`).toBe(expected.failed ?? false);

        const texts = run.posts.map((post) => post.text);
        for (const text of expected.posts ?? []) expect(texts, 'a valid post was lost').toContain(text);
        for (const text of expected.absent ?? []) expect(texts).not.toContain(text);
        for (const text of expected.once ?? []) expect(new Set(run.posts.filter((post) => post.text === text).map((post) => post.id)).size).toBe(1);
        if (expected.identities) {
          for (const row of expected.identities) expect(run.rows).toContain(row);
          if (expected.identities.length === 0) expect(run.rows).toEqual([]);
        }

        // Nothing that could run or load comes out: links are web links, dates are dates.
        for (const url of urlsOf(run)) expect(url).toMatch(/^https?:\/\/[^\s]+$/);
        for (const post of run.posts) {
          expect(Number.isFinite(post.createdAt)).toBe(true);
          expect(() => new Date(post.createdAt).toISOString()).not.toThrow();
          expect(post.createdAt).toBeLessThanOrEqual(Date.now() + 60_000);
        }
        if (HTML_DERIVED.has(source)) {
          for (const post of run.posts) expect(post.text).not.toMatch(TAG);
          for (const identity of run.identities) expect(identity.description ?? '').not.toMatch(TAG);
        }
        if (source === 'hackernews') for (const post of run.posts) expect(afterTitle(post.text)).not.toMatch(TAG);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });
    });
  }
});
