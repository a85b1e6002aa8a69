import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { onPendingHostsChanged, originPattern, readPendingHosts, removePendingHosts, type PendingHost } from '../../db/pending-hosts';
import { relativeTime } from '../common/relative-time';

/** Origins the manifest grants at install (APIs, mail sites): not the user's to grant or take back here. */
function manifestOrigins(): Set<string> {
  const manifest = browser.runtime.getManifest() as { host_permissions?: string[]; content_scripts?: { matches?: string[] }[] };
  return new Set([...(manifest.host_permissions ?? []), ...(manifest.content_scripts ?? []).flatMap((script) => script.matches ?? [])]);
}

function originFromPattern(pattern: string): string | null {
  return /^(https:\/\/[^/*]+)\/\*$/.exec(pattern)?.[1] ?? null;
}

/** Servers granted at run time (fediverse instances, company sites), as origins. */
async function grantedOrigins(): Promise<string[]> {
  const fixed = manifestOrigins();
  const all = await browser.permissions.getAll();
  return (all.origins ?? []).filter((pattern) => !fixed.has(pattern)).map(originFromPattern).filter((o): o is string => o !== null);
}

/**
 * Fediverse instances and company sites are reached only with a permission the user grants per server.
 * Sources skip a server without it (the sidebar says so) and it is listed here; "Allow" asks the browser,
 * which shows its own prompt, from the click itself.
 */
export function HostPermissions({ announce }: { announce: (text: string) => void }) {
  const [pending, setPending] = useState<PendingHost[] | null>(null);
  const [granted, setGranted] = useState<string[]>([]);

  const refresh = async () => {
    const [hosts, origins] = await Promise.all([readPendingHosts(), grantedOrigins().catch((): string[] => [])]);
    setGranted(origins);
    setPending(hosts.filter((host) => !origins.includes(host.origin)));
  };

  useEffect(() => {
    void refresh();
    const stop = onPendingHostsChanged(() => void refresh());
    return stop;
  }, []);

  // permissions.request must be called in the click's own turn (a user gesture), before any await.
  const allow = (origins: string[]) => {
    const request = browser.permissions.request({ origins: origins.map(originPattern) });
    void request.then(async (ok) => {
      if (ok) await removePendingHosts(origins);
      announce(ok ? `Allowed ${origins.length === 1 ? new URL(origins[0] as string).host : `${origins.length} servers`}.` : 'Not allowed.');
      await refresh();
    }, (error: unknown) => announce(`The browser did not ask: ${error instanceof Error ? error.message : String(error)}`));
  };

  const revoke = (origin: string) => {
    void browser.permissions.remove({ origins: [originPattern(origin)] }).then(async () => {
      announce(`Earshot may no longer reach ${new URL(origin).host}.`);
      await refresh();
    });
  };

  if (pending === null) return <p class="state" role="status">Loading…</p>;
  const now = Date.now();
  return (
    <div class="permissions">
      <p class="help" id="permissions-help">
        Mastodon lookups and company websites need a server Earshot cannot know in advance. Earshot asks each
        one only after you allow it here; until then that source skips it and the sidebar says why.
      </p>
      {pending.length === 0
        ? <p class="empty" data-testid="no-pending-hosts">No server is waiting for your permission.</p>
        : (
          <>
            <ul class="entries" aria-label="Servers waiting for your permission" data-testid="pending-hosts">
              {pending.map((host) => (
                <li key={host.origin} class="entry">
                  <span class="entry-text">
                    {host.host} <span class="meta">wanted {relativeTime(host.lastAt, now)}</span>
                  </span>
                  <button type="button" aria-label={`Allow Earshot to reach ${host.host}`} aria-describedby="permissions-help" onClick={() => allow([host.origin])}>
                    Allow
                  </button>
                </li>
              ))}
            </ul>
            {pending.length > 1 && (
              <button type="button" id="allow-all-hosts" onClick={() => allow(pending.map((host) => host.origin))}>
                Allow all {pending.length}
              </button>
            )}
          </>
        )}
      {granted.length > 0 && (
        <ul class="entries" aria-label="Servers you allowed" data-testid="granted-hosts">
          {granted.map((origin) => (
            <li key={origin} class="entry">
              <span class="entry-text">{new URL(origin).host} <span class="meta">allowed</span></span>
              <button type="button" class="remove" aria-label={`Stop Earshot reaching ${new URL(origin).host}`} onClick={() => revoke(origin)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
