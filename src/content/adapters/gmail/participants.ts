import type { Participant, ParticipantRole } from '../../../shared/thread';
import type { Address } from './address';

const ROLE_ORDER: readonly ParticipantRole[] = ['from', 'to', 'cc', 'bcc'];

interface Entry {
  name: string;
  email: string | null;
  roles: Set<ParticipantRole>;
  messageCount: number;
  lastMessageAt: string | null;
  firstSentIndex: number;
  firstSeenIndex: number;
}

/**
 * Collects everyone in a conversation once (by address, or by name for people Gmail shows without
 * one), leaving out the signed-in user, who is reported as `self` and never looked up.
 */
export class ParticipantList {
  private readonly entries = new Map<string, Entry>();
  private seen = 0;

  constructor(
    private readonly self: string | null,
    private readonly isPerson: (email: string | null) => boolean,
  ) {}

  addSender(address: Address, sentAt: string | null): void {
    const entry = this.entry(address);
    if (!entry) return;
    entry.roles.add('from');
    entry.messageCount += 1;
    if (entry.firstSentIndex < 0) entry.firstSentIndex = this.seen;
    // Gmail lists messages oldest first, so the latest message wins; when its date cannot be read the
    // answer is null rather than an older date that would look current.
    entry.lastMessageAt = sentAt;
  }

  addRecipient(address: Address, role: Exclude<ParticipantRole, 'from'>): void {
    this.entry(address)?.roles.add(role);
  }

  /** Senders in the order they first wrote, then everyone else in the order they first appeared. */
  toParticipants(): Participant[] {
    const all = Array.from(this.entries.values());
    const senders = all.filter((entry) => entry.firstSentIndex >= 0).sort((a, b) => a.firstSentIndex - b.firstSentIndex);
    const others = all.filter((entry) => entry.firstSentIndex < 0).sort((a, b) => a.firstSeenIndex - b.firstSeenIndex);
    return [...senders, ...others].map((entry) => ({
      name: entry.name,
      email: entry.email,
      roles: ROLE_ORDER.filter((role) => entry.roles.has(role)),
      messageCount: entry.messageCount,
      isPerson: this.isPerson(entry.email),
      lastMessageAt: entry.lastMessageAt,
    }));
  }

  private entry(address: Address): Entry | null {
    if (address.email && address.email === this.self) return null;
    if (!address.email && !address.name) return null;
    const key = address.email ?? `name:${address.name.toLowerCase()}`;
    this.seen += 1;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        name: address.name,
        email: address.email,
        roles: new Set(),
        messageCount: 0,
        lastMessageAt: null,
        firstSentIndex: -1,
        firstSeenIndex: this.seen,
      };
      this.entries.set(key, entry);
    } else if (!entry.name && address.name) {
      // A summary may show only the address; a later header names the person.
      entry.name = address.name;
    }
    return entry;
  }
}
