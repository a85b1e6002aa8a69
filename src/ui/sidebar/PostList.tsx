import type { IdentityRecord, PostRecord } from '../../shared/domain';
import { relativeTime } from '../common/relative-time';
import { RichText } from '../common/RichText';
import { RemoteImage } from '../common/RemoteImage';
import { safeHttpUrl } from '../common/safe-url';
import { NETWORK_LABELS } from '../common/tiers';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function countsText(counts: NonNullable<PostRecord['counts']>): string {
  return [
    plural(counts.replies ?? 0, 'reply', 'replies'),
    plural(counts.reposts ?? 0, 'repost', 'reposts'),
    plural(counts.likes ?? 0, 'like', 'likes'),
  ].join(' · ');
}

/** A stored time a Date can hold: one that cannot (from an older version, or a bad record) would throw in toISOString. */
export function isShowableTime(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
}

function PostItem({ post, now }: { post: PostRecord; now: number }) {
  const url = safeHttpUrl(post.url);
  const link = post.link ? safeHttpUrl(post.link.url) : null;
  const label = NETWORK_LABELS[post.network] ?? post.network;
  return (
    <li class={`post post-${post.kind}`} data-testid="post">
      <div class="post-meta">
        <span class={`network network-${post.network}`}>{label}</span>
        {post.kind === 'repost' && <span class="tag">Repost{post.author ? <> of @<bdi>{post.author}</bdi></> : ''}</span>}
        {post.kind === 'reply' && <span class="tag">Reply</span>}
        {post.kind === 'quote' && <span class="tag">Quote</span>}
        {isShowableTime(post.createdAt) && (
          <time dateTime={new Date(post.createdAt).toISOString()} title={new Date(post.createdAt).toLocaleString()}>
            {relativeTime(post.createdAt, now)}
          </time>
        )}
      </div>
      <p class="post-text" data-testid="post-text"><RichText text={post.text} network={post.network} /></p>
      {post.images?.slice(0, 4).map((image) => (
        <RemoteImage key={image.url} class="thumb" src={image.url} alt={image.alt} network={post.network} />
      ))}
      {post.link && link && <a class="card" href={link} target="_blank" rel="noopener noreferrer">{post.link.title}</a>}
      <div class="post-actions">
        {post.counts && <span class="counts">{countsText(post.counts)}</span>}
        {url && <a href={url} target="_blank" rel="noopener noreferrer" aria-label={`Open on ${label} to reply`}>Open</a>}
      </div>
    </li>
  );
}

/**
 * Posts across networks, newest first, as plain text with safe links. `since` draws the line under
 * what is new since their last email in this conversation.
 */
export function PostList({ posts, identities, title, since, now, testId = 'posts' }: {
  posts: PostRecord[]; identities: IdentityRecord[]; title: string; since?: number | null; now: number; testId?: string;
}) {
  const shown = new Set(identities.map((identity) => identity.id));
  const visible = posts.filter((post) => shown.has(post.identityId));
  if (visible.length === 0) return null;
  const firstOld = since ? visible.findIndex((post) => post.createdAt <= since) : -1;
  return (
    <section aria-label={title}>
      <h3 class="section-title">{title}</h3>
      <ol class="posts" data-testid={testId}>
        {visible.map((post, index) => (
          <>
            {index === firstOld && index > 0 && (
              <li class="divider" role="separator" data-testid="new-since-divider">New since your last email with them ↑</li>
            )}
            <PostItem key={post.id} post={post} now={now} />
          </>
        ))}
      </ol>
    </section>
  );
}
