import { skipReason, type SkipReason } from '../../shared/lookup-policy';
import type { Settings } from '../../shared/settings';
import type { Participant } from '../../shared/thread';

export type ParticipantStatus = { kind: 'lookup' } | { kind: SkipReason; label: string; explanation: string };

const WORDS: Record<SkipReason, { label: string; explanation: string }> = {
  self: { label: 'you', explanation: 'This is you.' },
  'no-address': { label: 'no address', explanation: 'The mail page shows no address for this person, so nothing is looked up.' },
  'not-a-person': { label: 'not a person', explanation: 'A role address (like noreply@ or support@) is not a person and is not looked up.' },
  colleague: { label: 'colleague', explanation: 'A colleague (one of your domains): never looked up.' },
  excluded: { label: 'excluded', explanation: 'On your exclusion list: never looked up.' },
  'not-vip': { label: 'not VIP', explanation: 'VIP-only mode is on and this person is not marked as a VIP.' },
};

/** Why someone is or is not looked up, in words for the sidebar; the rule itself is shared with the background. */
export function participantStatus(participant: Participant, self: string | null, settings: Settings): ParticipantStatus {
  const reason = skipReason(participant, self, settings);
  return reason ? { kind: reason, ...WORDS[reason] } : { kind: 'lookup' };
}
