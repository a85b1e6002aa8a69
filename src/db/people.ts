import type { LookupState, PersonRecord, SourceId } from '../shared/domain';
import type { Participant } from '../shared/thread';
import { normaliseEmail, splitEmail } from '../shared/email';
import type { EarshotDatabase } from './database';

export function personIdFor(participant: Pick<Participant, 'email' | 'name'>): string {
  const email = normaliseEmail(participant.email);
  return email ?? `name:${participant.name.trim().toLowerCase()}`;
}

/** Creates or refreshes the row for someone seen in a conversation; keeps what sources found. */
export async function upsertPerson(db: EarshotDatabase, participant: Participant, now: number): Promise<PersonRecord> {
  const id = personIdFor(participant);
  const email = normaliseEmail(participant.email);
  return db.transaction('rw', db.people, async () => {
    const existing = await db.people.get(id);
    const person: PersonRecord = existing
      ? { ...existing, name: participant.name || existing.name, lastSeenAt: now }
      : {
        id,
        email,
        name: participant.name,
        domain: email ? splitEmail(email).domain : null,
        firstSeenAt: now,
        lastSeenAt: now,
        lookups: {},
      };
    await db.people.put(person);
    return person;
  });
}

export async function setLookupState(
  db: EarshotDatabase, personId: string, source: SourceId, state: LookupState, now: number, detail?: string,
): Promise<void> {
  await db.people.where('id').equals(personId).modify((person) => {
    person.lookups = { ...person.lookups, [source]: detail ? { state, at: now, detail } : { state, at: now } };
  });
}
