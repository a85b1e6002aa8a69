import type { Evidence, IdentityRecord, PostRecord } from '../shared/domain';
import type { EarshotDatabase } from './database';
import { writeMakingRoom } from './evict';

/** The same handle can belong to two people (a company account), so the key includes the person. */
export function identityId(personId: string, network: string, handle: string): string {
  return `${personId}|${network}:${handle.toLowerCase()}`;
}

/**
 * Writes what a source found. A user's verdict on an identity survives a re-fetch: the rule is that
 * what the user said wins over everything a source says later.
 */
export async function saveIdentity(db: EarshotDatabase, identity: IdentityRecord): Promise<IdentityRecord> {
  // A full database gives up its oldest posts rather than lose what a source just proved.
  const { result } = await writeMakingRoom(db, () => db.transaction('rw', db.identities, async () => {
    const existing = await db.identities.get(identity.id);
    const merged = existing ? mergeIdentity(existing, identity) : identity;
    await db.identities.put(merged);
    return merged;
  }));
  return result;
}

function sameEvidence(a: Evidence, b: Evidence): boolean {
  return a.kind === b.kind && a.text === b.text && a.url === b.url;
}

/**
 * An identity found again: by a re-fetch, or by a second source naming the same account (Wikidata's
 * official feed that the company site also names). The fresher facts are taken, but nothing already
 * known is lost: the stronger tier and its origin, the evidence of both, when its posts were last read
 * (so the same feed is not fetched twice in a row), and what the user said.
 */
function mergeIdentity(existing: IdentityRecord, found: IdentityRecord): IdentityRecord {
  const foundIsStronger = found.tier <= existing.tier;
  const [stronger, weaker] = foundIsStronger ? [found, existing] : [existing, found];
  // A link that came first reads, once a source found the account itself, as a link that came second
  // would (run-job's saveLinks): one "also linked from" line, not the linking identity's whole chain.
  const linkEvidence = weaker.linkedFrom !== undefined && stronger.linkedFrom === undefined && weaker.evidence.at(-1)?.kind === 'linked-from'
    ? [{ ...(weaker.evidence.at(-1) as Evidence), kind: 'also-linked-from' }]
    : weaker.evidence;
  const merged: IdentityRecord = {
    ...existing,
    ...found,
    tier: stronger.tier,
    evidence: [...stronger.evidence, ...linkEvidence.filter((e) => !stronger.evidence.some((s) => sameEvidence(e, s)))],
    verdict: existing.verdict,
  };
  if (stronger.linkedFrom === undefined) delete merged.linkedFrom;
  else merged.linkedFrom = stronger.linkedFrom;
  if (existing.activityFetchedAt !== undefined) merged.activityFetchedAt = existing.activityFetchedAt;
  if (existing.addedByUser || found.addedByUser) merged.addedByUser = true;
  return merged;
}

export async function savePosts(db: EarshotDatabase, posts: PostRecord[]): Promise<void> {
  if (posts.length > 0) await db.posts.bulkPut(posts);
}

export async function postsOf(db: EarshotDatabase, personId: string, limit: number): Promise<PostRecord[]> {
  return db.posts
    .where('[personId+createdAt]')
    .between([personId, -Infinity], [personId, Infinity])
    .reverse()
    .limit(limit)
    .toArray();
}
