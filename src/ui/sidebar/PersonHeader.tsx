import type { IdentityRecord } from '../../shared/domain';
import type { Participant } from '../../shared/thread';
import { safeImageUrl } from '../common/safe-url';

/** Photo and name: from the best identity shown as the person, else what the mail client said. */
export function PersonHeader({ participant, identities }: { participant: Participant; identities: IdentityRecord[] }) {
  const personal = identities.find((identity) => identity.tier === 'A' || identity.tier === 'B');
  const avatar = safeImageUrl(personal?.avatarUrl);
  const name = participant.name || personal?.displayName || participant.email || '';
  return (
    <header class="person-header">
      {avatar
        ? <img class="avatar" src={avatar} alt="" width={48} height={48} referrerpolicy="no-referrer" loading="lazy" />
        : <span class="avatar placeholder" aria-hidden="true">{name.slice(0, 1).toUpperCase()}</span>}
      <div>
        <h2 class="person-name" data-testid="person-name">{name}</h2>
        {participant.email && <p class="person-email">{participant.email}</p>}
        {personal?.description && <p class="person-bio">{personal.description}</p>}
      </div>
    </header>
  );
}
