import type { PostRecord } from '../../shared/domain';
import { needsAttention } from '../../shared/insights';
import type { Settings } from '../../shared/settings';
import { relativeTime } from '../common/relative-time';
import { safeHttpUrl } from '../common/safe-url';

/** Recent posts that mention the user's company or brands unhappily: pinned, one click to answer. */
export function NeedsAttention({ posts, settings, now }: { posts: PostRecord[]; settings: Settings; now: number }) {
  const flagged = needsAttention(posts, settings.brands, settings.myDomains);
  if (flagged.length === 0) return null;
  return (
    <section class="attention" role="region" aria-label="Needs attention" data-testid="needs-attention">
      <h3 class="section-title">Needs attention</h3>
      <ul>
        {flagged.map(({ post, matched }) => {
          const url = safeHttpUrl(post.url);
          return (
            <li key={post.id} data-testid="attention-item">
              <p class="attention-why">Mentions <strong>{matched}</strong> negatively · {relativeTime(post.createdAt, now)}</p>
              <p class="attention-text">{post.text}</p>
              {url && <a href={url} target="_blank" rel="noopener noreferrer">Answer where it was said</a>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
