import type { IdentityRecord, NoteRecord, PersonRecord, PostRecord } from '../../shared/domain';
import { needsAttention, talkingPoints } from '../../shared/insights';
import type { Settings } from '../../shared/settings';
import type { EarshotDatabase } from '../../db/database';
import { postsOf } from '../../db/activity';
import { personFacts, shownAsPerson, type PersonFacts } from '../common/person-facts';

/** Everything a call brief shows, gathered once (the brief is a snapshot, not a live view). */
export interface BriefData {
  person: PersonRecord;
  facts: PersonFacts;
  identities: IdentityRecord[];
  company: IdentityRecord[];
  points: ReturnType<typeof talkingPoints>;
  recent: PostRecord[];
  attention: ReturnType<typeof needsAttention>;
  companyNews: PostRecord[];
  note: NoteRecord | undefined;
  generatedAt: number;
}

export async function loadBrief(db: EarshotDatabase, personId: string, settings: Settings, now: number): Promise<BriefData | null> {
  const person = await db.people.get(personId);
  if (!person) return null;
  const all = (await db.identities.where('personId').equals(personId).toArray()).filter((identity) => identity.verdict !== 'rejected');
  const identities = all.filter((identity) => shownAsPerson(identity) && identity.tier !== 'C');
  const company = all.filter((identity) => identity.tier === 'C');
  const posts = await postsOf(db, personId, 500);
  const own = posts.filter((post) => identities.some((identity) => identity.id === post.identityId));
  return {
    person,
    facts: personFacts(identities, person.signature),
    identities,
    company,
    points: talkingPoints(own, now),
    recent: own.slice(0, 5),
    attention: needsAttention(own, settings.brands, settings.myDomains),
    companyNews: posts.filter((post) => company.some((identity) => identity.id === post.identityId)).slice(0, 3),
    note: await db.notes.get(personId),
    generatedAt: now,
  };
}
