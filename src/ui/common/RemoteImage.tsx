import type { ComponentChild } from 'preact';
import type { Network, SourceId } from '../../shared/domain';
import { sourceAllowed } from '../../shared/settings';
import { database } from '../../db/database';
import { safeImageUrl } from './safe-url';
import { useSettings } from './use-settings';

const SOURCE_OF: Partial<Record<Network, SourceId>> = {
  bluesky: 'bluesky', gravatar: 'gravatar', mastodon: 'mastodon', github: 'github', hackernews: 'hackernews', web: 'companySite',
};

/**
 * A picture from a public network is a request too: it loads only while its source is allowed (https,
 * no referrer), and lands in the audit log like every lookup, with nothing identifying sent.
 */
export function RemoteImage({ src, network, alt, class: className, width, height, fallback = null }: {
  src: string | undefined; network: Network; alt: string; class: string; width?: number; height?: number;
  /** Shown instead while the picture may not load. */
  fallback?: ComponentChild;
}) {
  const { settings, loaded } = useSettings();
  const url = safeImageUrl(src);
  const source = SOURCE_OF[network];
  if (!url || !source || !loaded || !sourceAllowed(settings, source, Date.now())) return <>{fallback}</>;
  const started = Date.now();
  const log = (status: number) => {
    const parsed = new URL(url);
    void database().requestLog.add({
      at: started, source, host: parsed.host, path: parsed.pathname, identifierKind: 'none', status, durationMs: Date.now() - started,
    }).catch(() => undefined);
  };
  return (
    <img class={className} src={url} alt={alt} width={width} height={height} referrerpolicy="no-referrer" loading="lazy"
      onLoad={() => log(200)} onError={() => log(0)} />
  );
}
