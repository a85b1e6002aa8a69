import type { ComponentChild } from 'preact';
import type { Network } from '../../shared/domain';
import { safeHttpUrl } from './safe-url';

// URLs, #hashtags and @mentions, in one pass; everything else stays plain text.
const TOKEN = /(https?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}])|(^|[\s(])(#[\p{L}\p{N}_]{1,64})|(^|[\s(])(@[a-z0-9][a-z0-9._-]{0,252}(?:@[a-z0-9.-]+)?)/giu;

function mentionUrl(network: Network, mention: string): string | null {
  const handle = mention.slice(1);
  if (network === 'bluesky' && handle.includes('.')) return `https://bsky.app/profile/${encodeURIComponent(handle)}`;
  if (network === 'github') return `https://github.com/${encodeURIComponent(handle)}`;
  return null;
}

/**
 * Remote text rendered as text: only the pieces that are plainly links become links (http(s) only,
 * opened with noopener). Nothing a stranger writes becomes markup.
 */
export function RichText({ text, network }: { text: string; network: Network }) {
  const parts: ComponentChild[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const [whole, url, lead1 = '', hashtag, lead2 = '', mention] = match;
    const start = match.index ?? 0;
    const lead = lead1 || lead2;
    parts.push(text.slice(last, start + lead.length));
    last = start + whole.length;
    const safe = url ? safeHttpUrl(url) : null;
    if (url && safe) {
      parts.push(<a href={safe} target="_blank" rel="noopener noreferrer">{url}</a>);
    } else if (hashtag) {
      parts.push(<span class="hashtag">{hashtag}</span>);
    } else if (mention) {
      const href = mentionUrl(network, mention);
      parts.push(href ? <a href={href} target="_blank" rel="noopener noreferrer" class="mention">{mention}</a> : <span class="mention">{mention}</span>);
    } else {
      parts.push(whole.slice(lead.length));
    }
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}
