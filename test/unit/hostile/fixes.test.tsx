// @vitest-environment happy-dom
import { render } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { postFromEvent } from '../../../src/background/sources/github-events';
import { identityFromProfile } from '../../../src/background/sources/gravatar';
import { postFromHit } from '../../../src/background/sources/hackernews';
import { isPostTime, notAfter } from '../../../src/background/sources/post-date';
import type { PostDraft } from '../../../src/background/sources/source';
import type { IdentityRecord, PostRecord } from '../../../src/shared/domain';

// The sidebar's only outside dependency is the extension API, which happy-dom lacks; these renders use none of it.
vi.mock('webextension-polyfill', () => ({ default: {} }));
const { IdentityList } = await import('../../../src/ui/sidebar/IdentityList');
const { PostList, isShowableTime } = await import('../../../src/ui/sidebar/PostList');

/** The product fixes the hostile corpus led to, each pinned on its own. */

const NOW = Date.UTC(2026, 10, 1);

describe('post times', () => {
  it('refuses times a Date cannot hold', () => {
    expect(isPostTime(NOW)).toBe(true);
    expect(isPostTime(8.64e15)).toBe(true);
    expect(isPostTime(9e15)).toBe(false);
    expect(isPostTime(-9e15)).toBe(false);
    expect(isPostTime(Number.NaN)).toBe(false);
    expect(isPostTime(Number.POSITIVE_INFINITY)).toBe(false);
  });

  it('clamps future posts to now and leaves the rest alone', () => {
    const post = (createdAt: number): PostDraft => ({ id: String(createdAt), network: 'bluesky', url: 'https://bsky.app/', text: 't', createdAt, kind: 'post' });
    expect(notAfter([post(NOW + 1_000_000), post(NOW - 5)], NOW).map((p) => p.createdAt)).toEqual([NOW, NOW - 5]);
  });
});

describe('Hacker News: a created_at_i beyond what a Date holds', () => {
  it('drops the hit instead of storing a time the sidebar cannot print', () => {
    const hit = { objectID: '1', author: 'a', title: 'far', url: 'https://acme.example/', created_at_i: 9_000_000_000_000 };
    expect(postFromHit(hit)).toBeNull();
    expect(postFromHit({ ...hit, created_at_i: 1_700_000_000 })?.createdAt).toBe(1_700_000_000_000);
  });
});

describe('Gravatar: a profile URL that is not a web link', () => {
  it('names the profile by its hash and links gravatar.com instead', () => {
    const identity = identityFromProfile({ hash: 'abc', profile_url: 'javascript:alert(1)', avatar_url: 'data:image/png;base64,AAAA' }, 'abc');
    expect(identity.handle).toBe('abc');
    expect(identity.url).toBe('https://gravatar.com/abc');
    expect(identity.evidence[0]?.url).toBe('https://gravatar.com/abc');
    expect(identity.avatarUrl).toBeUndefined();
  });
});

describe('GitHub events: repository names and payload links', () => {
  const event = (repo: string, payload: Record<string, unknown>, type = 'ReleaseEvent') => ({
    id: '1', type, actor: { login: 'pat' }, repo: { name: repo }, payload, created_at: '2024-05-01T10:00:00Z',
  });

  it('drops an event whose repository name GitHub could not have sent', () => {
    expect(postFromEvent(event('<img src=x>/x', {}, 'WatchEvent'))).toBeNull();
  });

  it('links the repository when the payload link is javascript:', () => {
    const post = postFromEvent(event('acme/app', { release: { tag_name: 'v1', html_url: 'javascript:alert(1)' } }));
    expect(post?.url).toBe('https://github.com/acme/app');
  });

  it('drops a gist whose only link is not a web link', () => {
    expect(postFromEvent(event('/', { action: 'create', gist: { html_url: 'javascript:alert(1)' } }, 'GistEvent'))).toBeNull();
    expect(postFromEvent(event('/', { action: 'create', gist: { html_url: 'https://gist.github.com/1' } }, 'GistEvent'))?.url).toBe('https://gist.github.com/1');
  });
});

describe('the sidebar on hostile stored data', () => {
  const identity: IdentityRecord = {
    id: 'p|bluesky:x', personId: 'p', network: 'bluesky', handle: '\u202Eexe.x', url: 'https://bsky.app/profile/x', tier: 'A',
    evidence: [{ kind: 'domain-handle', text: 'why' }], verdict: null, fetchedAt: NOW,
  };
  const post = (createdAt: number, extra: Partial<PostRecord> = {}): PostRecord => ({
    id: `p|bluesky:x|${createdAt}`, personId: 'p', identityId: identity.id, network: 'bluesky', url: 'https://bsky.app/', text: `post ${createdAt}`,
    createdAt, fetchedAt: NOW, kind: 'post', ...extra,
  });

  it('shows a post whose stored time no Date can hold, without its time', () => {
    expect(isShowableTime(9e15)).toBe(false);
    const { container } = render(<PostList posts={[post(9e15), post(NOW)]} identities={[identity]} title="Recent posts" now={NOW} />);
    expect([...container.querySelectorAll('[data-testid="post-text"]')].map((el) => el.textContent)).toEqual(['post 9000000000000000', `post ${NOW}`]);
    expect(container.querySelectorAll('time')).toHaveLength(1);
  });

  it('isolates handles and repost authors, so a direction override cannot reorder what stands beside them', () => {
    const { container } = render(<>
      <IdentityList identities={[identity]} title="Identities" testId="identities" />
      <PostList posts={[post(NOW, { kind: 'repost', author: '\u202Eevil' })]} identities={[identity]} title="Recent posts" now={NOW} />
    </>);
    expect(container.querySelector('[data-testid="identity-handle"] bdi')?.textContent).toBe('\u202Eexe.x');
    expect(container.querySelector('.tag bdi')?.textContent).toBe('\u202Eevil');
    expect(container.querySelector('.tag')?.textContent).toBe('Repost of @\u202Eevil');
  });
});
