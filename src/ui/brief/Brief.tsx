import { useEffect, useState } from 'preact/hooks';
import { database } from '../../db/database';
import { loadSettings } from '../../shared/settings-store';
import { relativeTime } from '../common/relative-time';
import { RichText } from '../common/RichText';
import { RemoteImage } from '../common/RemoteImage';
import { safeHttpUrl, safeImageUrl } from '../common/safe-url';
import { tierBadge, NETWORK_LABELS } from '../common/tiers';
import { loadBrief, type BriefData } from './brief-data';
import { briefMarkdown } from './brief-markdown';

type State = { kind: 'loading' } | { kind: 'missing' } | { kind: 'ready'; brief: BriefData };

/** One page for a call: who, identities, talking points, recent posts, flags, company news, notes. */
export function Brief({ personId }: { personId: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [copied, setCopied] = useState('');
  useEffect(() => {
    void (async () => {
      const brief = await loadBrief(database(), personId, await loadSettings(), Date.now());
      setState(brief ? { kind: 'ready', brief } : { kind: 'missing' });
      if (brief) document.title = `Call brief: ${brief.person.name || brief.person.email}`;
    })();
  }, [personId]);
  if (state.kind === 'loading') return <p class="state" role="status">Loading…</p>;
  if (state.kind === 'missing') return <p class="state" role="alert">Earshot knows nothing about this person yet. Open a conversation with them first.</p>;
  const { brief } = state;
  const { person, facts } = brief;
  const copy = async () => {
    await navigator.clipboard.writeText(briefMarkdown(brief));
    setCopied('Copied as Markdown');
  };
  const avatar = safeImageUrl(facts.avatarUrl);
  const pointGroups = [
    { title: 'Topics', items: brief.points.topics },
    { title: 'Hashtags', items: brief.points.hashtags },
    { title: 'Organisations', items: brief.points.organisations },
  ].filter((group) => group.items.length > 0);
  return (
    <main class="brief" aria-label="Call brief">
      <div class="toolbar no-print">
        <button type="button" onClick={() => window.print()}>Print</button>
        <button type="button" onClick={() => void copy()} data-testid="copy-markdown">Copy as Markdown</button>
        <span role="status" aria-live="polite">{copied}</span>
      </div>
      <header class="brief-head">
        {avatar && facts.avatarNetwork && <RemoteImage class="avatar" src={avatar} network={facts.avatarNetwork} alt="" width={64} height={64} />}
        <div>
          <h1 data-testid="brief-name">{person.name || person.email}</h1>
          <p>{[facts.jobTitle, facts.company].filter(Boolean).join(' · ')}</p>
          <p class="muted">{[person.email, facts.location].filter(Boolean).join(' · ')}</p>
          {facts.description && <p class="bio">{facts.description}</p>}
        </div>
      </header>
      {brief.identities.length > 0 && (
        <section><h2>Identities</h2>
          <ul>{brief.identities.map((identity) => (
            <li key={identity.id}>{NETWORK_LABELS[identity.network] ?? identity.network}: {identity.handle} <span class="badge">{tierBadge(identity)}</span></li>
          ))}</ul>
        </section>
      )}
      {brief.attention.length > 0 && (
        <section class="attention"><h2>Needs attention</h2>
          <ul>{brief.attention.map(({ post, matched }) => (
            <li key={post.id}><strong>{matched}</strong> · {relativeTime(post.createdAt, brief.generatedAt)}: {post.text}</li>
          ))}</ul>
        </section>
      )}
      {pointGroups.length > 0 && (
        <section><h2>Talking points</h2>
          {pointGroups.map((group) => (
            <p key={group.title}><strong>{group.title}:</strong> {group.items.map((item) => `${item.label} (${item.count})`).join(', ')}</p>
          ))}
        </section>
      )}
      {brief.recent.length > 0 && (
        <section><h2>Last five posts</h2>
          <ol>{brief.recent.map((post) => (
            <li key={post.id}><span class="muted">{relativeTime(post.createdAt, brief.generatedAt)}</span> <RichText text={post.text} network={post.network} />
              {safeHttpUrl(post.url) && <> <a href={safeHttpUrl(post.url) ?? undefined} target="_blank" rel="noopener noreferrer">open</a></>}</li>
          ))}</ol>
        </section>
      )}
      {(brief.company.length > 0 || brief.companyNews.length > 0) && (
        <section><h2>Company</h2>
          <ul>
            {brief.company.map((identity) => <li key={identity.id}>{identity.displayName ?? identity.handle} ({NETWORK_LABELS[identity.network] ?? identity.network})</li>)}
            {brief.companyNews.map((post) => <li key={post.id}>{post.text}</li>)}
          </ul>
        </section>
      )}
      {brief.note?.text.trim() && (<section><h2>Notes</h2><p class="note">{brief.note.text}</p></section>)}
      <details class="no-print markdown">
        <summary>Markdown</summary>
        <pre data-testid="brief-markdown">{briefMarkdown(brief)}</pre>
      </details>
      <footer class="muted">Made by Earshot from public sources on {new Date(brief.generatedAt).toLocaleDateString()}.</footer>
    </main>
  );
}
