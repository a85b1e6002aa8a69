import type { IdentityRecord, PostRecord } from '../shared/domain';
import type { EarshotDatabase } from './database';

/** The same handle can belong to two people (a company account), so the key includes the person. */
export function identityId(personId: string, network: string, handle: string): string {
  return `${personId}|${network}:${handle.toLowerCase()}`;
}

/**
 * Writes what a source found. A user's verdict on an identity survives a re-fetch: the rule is that
 * what the user said wins over everything a source says later.
 */
export async function saveIdentity(db: EarshotDatabase, identity: IdentityRecord): Promise<IdentityRecord> {
  return db.transaction('rw', db.identities, async () => {
    const existing = await db.identities.get(identity.id);
    const merged = existing ? { ...identity, verdict: existing.verdict } : identity;
    await db.identities.put(merged);
    return merged;
  });
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
