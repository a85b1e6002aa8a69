import type { IdentityRecord } from '../../shared/domain';
import { safeHttpUrl } from '../common/safe-url';
import { send } from '../common/send';
import { NETWORK_LABELS, tierBadge } from './tiers';

/** Identities with their network, handle, tier badge and the evidence behind it ("why?"). */
export function IdentityList({ identities }: { identities: IdentityRecord[] }) {
  if (identities.length === 0) return null;
  const order = { A: 0, B: 1, C: 2, D: 3 };
  const sorted = [...identities].sort((a, b) => order[a.tier] - order[b.tier]);
  return (
    <ul class="identities" aria-label="Public identities" data-testid="identities">
      {sorted.map((identity) => {
        const url = safeHttpUrl(identity.url);
        return (
          <li key={identity.id} class={`identity tier-${identity.tier}`} data-testid="identity">
            <span class={`network network-${identity.network}`}>{NETWORK_LABELS[identity.network] ?? identity.network}</span>
            {url
              ? <a href={url} target="_blank" rel="noopener noreferrer" class="handle" data-testid="identity-handle">{identity.handle}</a>
              : <span class="handle" data-testid="identity-handle">{identity.handle}</span>}
            <span class="badge" data-testid="identity-badge">{tierBadge(identity)}</span>
            <details class="why">
              <summary>why?</summary>
              <ul>{identity.evidence.map((evidence, i) => <li key={i}>{evidence.text}</li>)}</ul>
            </details>
            {identity.tier !== 'C' && (
              <span class="verdicts">
                {identity.verdict !== 'confirmed' && (
                  <button type="button" onClick={() => void send({ type: 'identity/verdict', identityId: identity.id, verdict: 'confirmed' })}>
                    Confirm
                  </button>
                )}
                <button type="button" onClick={() => void send({ type: 'identity/verdict', identityId: identity.id, verdict: 'rejected' })}>
                  Not this person
                </button>
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
