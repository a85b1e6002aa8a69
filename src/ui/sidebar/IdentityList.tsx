import type { IdentityRecord } from '../../shared/domain';
import { safeHttpUrl } from '../common/safe-url';
import { send } from '../common/send';
import { NETWORK_LABELS, tierBadge } from '../common/tiers';

const ORDER = { A: 0, B: 1, C: 2, D: 3 } as const;

function IdentityRow({ identity, canVerdict }: { identity: IdentityRecord; canVerdict: boolean }) {
  const url = safeHttpUrl(identity.url);
  const label = NETWORK_LABELS[identity.network] ?? identity.network;
  return (
    <li class={`identity tier-${identity.tier}`} data-testid="identity">
      <span class={`network network-${identity.network}`} aria-label={label} title={label}>{label}</span>
      {/* Isolated: a handle with a direction override must not reorder the badge beside it. */}
      {url
        ? <a href={url} target="_blank" rel="noopener noreferrer" class="handle" data-testid="identity-handle"><bdi>{identity.handle}</bdi></a>
        : <span class="handle" data-testid="identity-handle"><bdi>{identity.handle}</bdi></span>}
      <span class="badge" data-testid="identity-badge">{tierBadge(identity)}</span>
      <details class="why">
        <summary aria-label={`Why Earshot thinks ${identity.handle} is theirs`}>why?</summary>
        <ol>{identity.evidence.map((evidence, i) => <li key={i}>{evidence.text}</li>)}</ol>
      </details>
      {canVerdict && (
        <span class="verdicts">
          {identity.verdict !== 'confirmed' && (
            <button type="button" data-testid="confirm"
              onClick={() => void send({ type: 'identity/verdict', identityId: identity.id, verdict: 'confirmed' })}>
              Confirm
            </button>
          )}
          <button type="button" data-testid="reject"
            onClick={() => void send({ type: 'identity/verdict', identityId: identity.id, verdict: 'rejected' })}>
            Not this person
          </button>
        </span>
      )}
    </li>
  );
}

/** Identities shown as the person, with their network, handle, tier badge and evidence ("why?"). */
export function IdentityList({ identities, title, testId }: { identities: IdentityRecord[]; title: string; testId: string }) {
  if (identities.length === 0) return null;
  const sorted = [...identities].sort((a, b) => ORDER[a.tier] - ORDER[b.tier] || a.handle.localeCompare(b.handle));
  return (
    <ul class="identities" aria-label={title} data-testid={testId}>
      {sorted.map((identity) => <IdentityRow key={identity.id} identity={identity} canVerdict={identity.tier !== 'C'} />)}
    </ul>
  );
}

/** Name-only or unverified matches: collapsed, never merged until the user confirms. */
export function PossibleMatches({ identities }: { identities: IdentityRecord[] }) {
  if (identities.length === 0) return null;
  return (
    <details class="possible" data-testid="possible-matches">
      <summary>{identities.length === 1 ? '1 possible match' : `${identities.length} possible matches`}</summary>
      <IdentityList identities={identities} title="Possible matches" testId="possible-identities" />
    </details>
  );
}
