import type { IdentityRecord, PostRecord } from '../../shared/domain';
import { relativeTime } from '../common/relative-time';
import { safeHttpUrl, safeImageUrl } from '../common/safe-url';
import { NETWORK_LABELS } from './tiers';

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

/** Posts across networks, newest first, as plain text with safe links. */
export function PostList({ posts, identities, title }: { posts: PostRecord[]; identities: IdentityRecord[]; title: string }) {
  const shown = new Set(identities.map((identity) => identity.id));
  const visible = posts.filter((post) => shown.has(post.identityId));
  if (visible.length === 0) return null;
  const now = Date.now();
  return (
    <section aria-label={title}>
      <h3 class="section-title">{title}</h3>
      <ol class="posts" data-testid="posts">
        {visible.map((post) => {
          const url = safeHttpUrl(post.url);
          return (
            <li key={post.id} class={`post post-${post.kind}`} data-testid="post">
              <div class="post-meta">
                <span class={`network network-${post.network}`}>{NETWORK_LABELS[post.network] ?? post.network}</span>
                {post.kind === 'repost' && <span class="tag">Repost{post.author ? ` of @${post.author}` : ''}</span>}
                {post.kind === 'reply' && <span class="tag">Reply</span>}
                {post.kind === 'quote' && <span class="tag">Quote</span>}
                <time dateTime={new Date(post.createdAt).toISOString()}>{relativeTime(post.createdAt, now)}</time>
              </div>
              <p class="post-text" data-testid="post-text">{post.text}</p>
              {post.images?.map((image) => {
                const src = safeImageUrl(image.url);
                return src ? <img key={src} class="thumb" src={src} alt={image.alt} referrerpolicy="no-referrer" loading="lazy" /> : null;
              })}
              {post.link && safeHttpUrl(post.link.url) && (
                <a class="card" href={safeHttpUrl(post.link.url) ?? undefined} target="_blank" rel="noopener noreferrer">{post.link.title}</a>
              )}
              <div class="post-actions">
                {post.counts && <span class="counts">{countsText(post.counts)}</span>}
                {url && <a href={url} target="_blank" rel="noopener noreferrer">Open</a>}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
