import browser from 'webextension-polyfill';
import type { IdentityRecord, PersonSignature } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import { updateSettings } from '../../shared/settings-store';
import type { Participant } from '../../shared/thread';
import { RemoteImage } from '../common/RemoteImage';
import { safeImageUrl } from '../common/safe-url';
import { personFacts } from '../common/person-facts';
import { SignatureLinks } from './SignatureLinks';

/** Photo, name, title, company and location, plus the person-level actions. */
export function PersonHeader({ personId, participant, identities, settings, signature }: {
  personId: string; participant: Participant; identities: IdentityRecord[]; settings: Settings; signature?: PersonSignature;
}) {
  const facts = personFacts(identities, signature);
  const avatar = safeImageUrl(facts.avatarUrl) && facts.avatarNetwork ? facts.avatarUrl : undefined;
  const name = participant.name || facts.displayName || participant.email || '';
  const placeholder = <span class="avatar placeholder" aria-hidden="true">{name.slice(0, 1).toUpperCase()}</span>;
  const role = [facts.jobTitle, facts.company].filter(Boolean).join(' · ');
  const fromSignature = [facts.fromSignature?.jobTitle && 'title', facts.fromSignature?.company && 'company'].filter(Boolean).join(' and ');
  const roleSource = fromSignature ? `${fromSignature[0]?.toUpperCase()}${fromSignature.slice(1)} from their email signature` : undefined;
  const email = participant.email?.toLowerCase() ?? '';
  const isVip = email !== '' && settings.vips.map((vip) => vip.toLowerCase()).includes(email);
  const toggleVip = () => void updateSettings((current) => ({
    ...current,
    vips: isVip ? current.vips.filter((vip) => vip.toLowerCase() !== email) : [...current.vips, email],
  }));
  return (
    <header class="person-header">
      {avatar && facts.avatarNetwork
        ? <RemoteImage class="avatar" src={avatar} network={facts.avatarNetwork} alt="" width={48} height={48} fallback={placeholder} />
        : placeholder}
      <div class="person-main">
        <h2 class="person-name" data-testid="person-name"><bdi>{name}</bdi></h2>
        {role && (
          <p class="person-role" data-testid="person-role" title={roleSource} data-from-signature={facts.fromSignature ? '' : undefined}>
            {role}
            {roleSource && <span class="visually-hidden"> ({roleSource})</span>}
          </p>
        )}
        {facts.location && <p class="person-location">{facts.location}</p>}
        {participant.email && <p class="person-email">{participant.email}</p>}
        {facts.description && <p class="person-bio">{facts.description}</p>}
        <SignatureLinks signature={signature} />
        <p class="person-actions">
          <a href={browser.runtime.getURL(`brief.html?person=${encodeURIComponent(personId)}`)} target="_blank" rel="noopener" data-testid="brief-link">
            Call brief
          </a>
          {email && (
            <button type="button" class="link" aria-pressed={isVip} onClick={toggleVip} data-testid="vip">
              {isVip ? '★ VIP' : '☆ Mark as VIP'}
            </button>
          )}
        </p>
      </div>
    </header>
  );
}
