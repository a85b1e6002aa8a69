import { database } from '../../db/database';
import { latestSelfAddress } from '../../db/counts';
import { isFreeMailDomain, normaliseEmail, splitEmail } from '../../shared/email';
import type { Settings } from '../../shared/settings';
import { useLiveQuery } from '../common/use-live-query';
import { ListEditor } from './ListEditor';

type Change = (edit: (current: Settings) => Settings) => void;

/** The domain of the address the user is signed in with, when it is theirs and not yet listed. */
function suggestedDomain(self: string | null, myDomains: readonly string[]): { self: string; domain: string } | null {
  const email = normaliseEmail(self);
  if (!email) return null;
  const { domain } = splitEmail(email);
  if (isFreeMailDomain(domain) || myDomains.some((entry) => entry.toLowerCase() === domain)) return null;
  return { self: email, domain };
}

/** My domains (colleagues are never looked up), the exclusion list and VIP-only mode. */
export function WhoIsLookedUp({ settings, change }: { settings: Settings; change: Change }) {
  const self = useLiveQuery(() => latestSelfAddress(database()), []);
  const suggestion = self.status === 'ready' ? suggestedDomain(self.value, settings.myDomains) : null;
  return (
    <>
      <ListEditor
        id="my-domains"
        label="My domains"
        help="Colleagues at these domains are never looked up."
        kind="domain"
        placeholder="acme.com"
        entries={settings.myDomains}
        emptyText="No domains yet."
        onChange={(myDomains) => change((current) => ({ ...current, myDomains }))}
      />
      {suggestion && (
        <p class="suggestion" id="my-domains-suggestion">
          You are signed in as {suggestion.self}.{' '}
          <button
            type="button"
            id="my-domains-suggest"
            onClick={() => change((current) => ({ ...current, myDomains: [...current.myDomains, suggestion.domain] }))}
          >
            Add {suggestion.domain}
          </button>
        </p>
      )}
      <ListEditor
        id="exclusions"
        label="Never look up"
        help="Addresses (jane@acme.com) or whole domains (acme.com); nothing about them leaves this browser."
        kind="address-or-domain"
        placeholder="jane@acme.com or acme.com"
        entries={settings.exclusions}
        emptyText="Nobody is excluded."
        onChange={(exclusions) => change((current) => ({ ...current, exclusions }))}
      />
      <div class="switch-row">
        <input
          type="checkbox"
          id="vip-only"
          checked={settings.vipOnly}
          aria-describedby="vip-only-help"
          onChange={(event) => {
            const vipOnly = (event.currentTarget as HTMLInputElement).checked;
            change((current) => ({ ...current, vipOnly }));
          }}
        />
        <label for="vip-only">Look up only my VIPs</label>
        <p id="vip-only-help" class="help">Mark people as VIP in the sidebar, or add their address below.</p>
      </div>
      <ListEditor
        id="vips"
        label="VIPs"
        help="The people looked up when VIP-only is on."
        kind="address"
        placeholder="jane@acme.com"
        entries={settings.vips}
        emptyText="No VIPs yet."
        onChange={(vips) => change((current) => ({ ...current, vips }))}
      />
    </>
  );
}

/** The user's company and brand names: a recent post that mentions them unhappily needs attention. */
export function Brands({ settings, change }: { settings: Settings; change: Change }) {
  return (
    <ListEditor
      id="brands"
      label="Company and brand names"
      help="A recent post that mentions one of these negatively is flagged as needing attention."
      kind="name"
      placeholder="Acme"
      entries={settings.brands}
      emptyText="No names yet."
      onChange={(brands) => change((current) => ({ ...current, brands }))}
    />
  );
}
