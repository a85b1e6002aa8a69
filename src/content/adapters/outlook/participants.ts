/**
 * Folding what each message header showed into the conversation's participants: everyone once, the
 * user left out, roles merged, messages counted per sender.
 */
import { isRoleAddress } from '../../../shared/email';
import type { Participant, ParticipantRole } from '../../../shared/thread';
import type { NamedAddress } from './person';
import type { SelfIdentity } from './self';

/** One person seen in one header line of one message. */
export interface Sighting {
  person: NamedAddress;
  role: ParticipantRole;
  /** For 'from' sightings: when that message was sent, when printed in a readable form. */
  sentAt?: string | null;
}

const ROLE_ORDER: readonly ParticipantRole[] = ['from', 'to', 'cc', 'bcc'];

function nameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Names that appear with exactly one address somewhere in the conversation. Outlook often prints the same
 * person as "Name <address>" in one header and as "Name" in another (a collapsed message, a To line);
 * that is one person. A name seen with two addresses stays ambiguous and is not merged.
 */
function addressesByName(sightings: readonly Sighting[]): Map<string, string | null> {
  const map = new Map<string, string | null>();
  for (const { person } of sightings) {
    if (!person.email || !person.name) continue;
    const key = nameKey(person.name);
    const known = map.get(key);
    if (known === undefined) map.set(key, person.email);
    else if (known !== person.email) map.set(key, null);
  }
  return map;
}

interface Tally {
  name: string;
  email: string | null;
  roles: Set<ParticipantRole>;
  messageCount: number;
  lastMessageAt: string | null;
}

export function buildParticipants(sightings: readonly Sighting[], self: SelfIdentity): Participant[] {
  const byName = addressesByName(sightings);
  const selfNames = new Set<string>();
  if (self.name) selfNames.add(nameKey(self.name));
  for (const { person } of sightings) {
    if (self.email && person.email === self.email && person.name) selfNames.add(nameKey(person.name));
  }

  // Senders first in order of appearance, then recipients (the ThreadContext contract).
  const ordered = [...sightings.filter((s) => s.role === 'from'), ...sightings.filter((s) => s.role !== 'from')];
  const tallies = new Map<string, Tally>();
  for (const { person, role, sentAt } of ordered) {
    const key0 = nameKey(person.name);
    const email = person.email ?? (key0 ? byName.get(key0) ?? null : null);
    const isSelf = email && self.email ? email === self.email : selfNames.has(key0);
    if (isSelf) continue;
    if (!email && !key0) continue;
    // People without an address (colleagues in the same tenant) are told apart by name.
    const key = email ? `email:${email}` : `name:${key0}`;
    let tally = tallies.get(key);
    if (!tally) {
      tally = { name: '', email, roles: new Set(), messageCount: 0, lastMessageAt: null };
      tallies.set(key, tally);
    }
    if (!tally.name && person.name) tally.name = person.name;
    tally.roles.add(role);
    if (role === 'from') {
      tally.messageCount += 1;
      if (sentAt && (!tally.lastMessageAt || sentAt > tally.lastMessageAt)) tally.lastMessageAt = sentAt;
    }
  }

  return [...tallies.values()].map((tally) => ({
    name: tally.name,
    email: tally.email,
    roles: ROLE_ORDER.filter((role) => tally.roles.has(role)),
    messageCount: tally.messageCount,
    isPerson: tally.email ? !isRoleAddress(tally.email) : true,
    lastMessageAt: tally.lastMessageAt,
  }));
}
