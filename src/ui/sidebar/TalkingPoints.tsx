import type { PostRecord } from '../../shared/domain';
import { talkingPoints } from '../../shared/insights';

/** What they talk about over 90 days: topics, hashtags and organisations, with counts. */
export function TalkingPoints({ posts, now }: { posts: PostRecord[]; now: number }) {
  const points = talkingPoints(posts, now);
  const groups = [
    { title: 'Topics', items: points.topics },
    { title: 'Hashtags', items: points.hashtags },
    { title: 'Organisations', items: points.organisations },
  ].filter((group) => group.items.length > 0);
  if (groups.length === 0) return null;
  return (
    <section class="talking-points" aria-label="Talking points" data-testid="talking-points">
      <h3 class="section-title">What they talk about</h3>
      {groups.map((group) => (
        <div key={group.title} class="point-group">
          <span class="point-title">{group.title}</span>
          <ul class="chips" aria-label={group.title}>
            {group.items.map((item) => (
              <li key={item.label} class="chip" data-testid="talking-point">
                {item.label} <span class="count" aria-label={`${item.count} posts`}>{item.count}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
