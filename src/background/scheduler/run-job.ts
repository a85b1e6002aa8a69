import type { IdentityRecord, JobRecord, PersonRecord, PostRecord } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import type { EarshotDatabase } from '../../db/database';
import { identityId, saveIdentity, savePosts } from '../../db/activity';
import { setLookupState } from '../../db/people';
import { evictionNote, writeMakingRoom } from '../../db/evict';
import type { ActivityResult, IdentityDraft, LinkedAccount, Source, SourceHttp } from '../sources/source';
import { activityJobsFor } from '../resolver';
import { enqueueJobs } from './queue';
import { analysePost } from '../insights/analyse-post';

export interface JobContext {
  db: EarshotDatabase;
  sources: ReadonlyMap<string, Source>;
  http: SourceHttp;
  settings: Settings;
  now: () => number;
}

/** Does one job's work and writes what it found. Throws what the scheduler must handle (retry, off). */
export async function runJob(job: JobRecord, context: JobContext): Promise<void> {
  const source = context.sources.get(job.source);
  if (!source) return;
  if (job.kind === 'resolve') await runResolve(job, source, context);
  else await runActivity(job, source, context);
}

function identityFromDraft(person: PersonRecord, draft: IdentityDraft, now: number): IdentityRecord {
  const { links: _links, ...fields } = draft;
  return { ...fields, id: identityId(person.id, draft.network, draft.handle), personId: person.id, verdict: null, fetchedAt: now };
}

/**
 * An account an identity links to becomes an identity of its own: tier B when the link is verified
 * (or links back), tier D (a possible match) when it is only claimed. Company accounts link as C.
 */
function identityFromLink(person: PersonRecord, parent: IdentityRecord, link: LinkedAccount, now: number): IdentityRecord {
  const tier = parent.tier === 'C' ? 'C' : link.verified && (parent.tier === 'A' || parent.tier === 'B') ? 'B' : 'D';
  return {
    id: identityId(person.id, link.network, link.handle),
    personId: person.id,
    network: link.network,
    handle: link.handle,
    url: link.url,
    tier,
    evidence: [...parent.evidence, { kind: 'linked-from', text: link.evidenceText, url: parent.url }],
    verdict: null,
    linkedFrom: parent.id,
    fetchedAt: now,
  };
}

/**
 * Stores the accounts an identity links to and returns the ones whose posts may need reading: the new
 * or stronger ones, and the ones this same link stored before.
 * - A link to the identity's own parent is a link back: the identity gains that evidence, and a claim
 *   (tier D) from a person's A or B identity becomes B (DESIGN.md §3).
 * - A link to another account the person already has corroborates it: evidence only, no tier change.
 *   If this identity is the one that linked it, it is returned all the same: a worker stopped between
 *   storing the link and queuing its posts left it there, and this run (the job's retry) must queue them
 *   (the resolver skips accounts whose posts are fresh, so nothing is read twice).
 * - Otherwise the link is stored as in a resolve; a link never downgrades what a stronger rule proved.
 */
async function saveLinks(db: EarshotDatabase, person: PersonRecord, owner: IdentityRecord, links: readonly LinkedAccount[], now: number): Promise<IdentityRecord[]> {
  const saved: IdentityRecord[] = [];
  for (const link of links) {
    const linked = identityFromLink(person, owner, link, now);
    if (linked.id === owner.id) continue;
    const existing = await db.identities.get(linked.id);
    if (existing && existing.id === owner.linkedFrom) {
      await markLinkBack(db, owner, existing, link);
      continue;
    }
    if (existing && existing.tier <= linked.tier) {
      if (existing.linkedFrom === owner.id) saved.push(existing);
      else if (!existing.evidence.some((e) => e.kind === 'also-linked-from' && e.url === owner.url)) {
        await db.identities.update(existing.id, { evidence: [...existing.evidence, { kind: 'also-linked-from', text: link.evidenceText, url: owner.url }] });
      }
      continue;
    }
    saved.push(await saveIdentity(db, linked));
  }
  return saved;
}

/** `identity` lists the account that linked to it (`linkedFrom`): a link back. */
async function markLinkBack(db: EarshotDatabase, identity: IdentityRecord, linkedFrom: IdentityRecord, link: LinkedAccount): Promise<void> {
  if (identity.evidence.some((e) => e.kind === 'links-back')) return;
  const evidence = [...identity.evidence, { kind: 'links-back', text: `It links back to ${linkedFrom.url}. ${link.evidenceText}`, url: identity.url }];
  const upgrade = identity.tier === 'D' && (linkedFrom.tier === 'A' || linkedFrom.tier === 'B');
  await db.identities.update(identity.id, upgrade ? { evidence, tier: 'B' } : { evidence });
}

async function runResolve(job: JobRecord, source: Source, context: JobContext): Promise<void> {
  const { db, http, now, sources, settings } = context;
  const person = await db.people.get(job.personId);
  if (!person || !source.resolve) return;
  await setLookupState(db, person.id, source.id, 'running', now());
  const drafts = await source.resolve(person, http, { settings, now });
  const saved: IdentityRecord[] = [];
  for (const draft of drafts) {
    const identity = await saveIdentity(db, identityFromDraft(person, draft, now()));
    saved.push(identity);
    saved.push(...(await saveLinks(db, person, identity, draft.links ?? [], now())));
  }
  await setLookupState(db, person.id, source.id, drafts.length > 0 ? 'found' : 'none', now());
  // The source that found an identity is not always the one that reads its posts (a Gravatar profile
  // links a Bluesky handle), so every source is offered and the resolver picks by network.
  await enqueueJobs(db, activityJobsFor(saved, [...sources.values()], job.priority, now()), now());
}

async function runActivity(job: JobRecord, source: Source, { db, http, now, settings, sources }: JobContext): Promise<void> {
  const id = job.payload.identityId;
  const identity = id ? await db.identities.get(id) : undefined;
  if (!identity || !source.fetchActivity || identity.verdict === 'rejected') return;
  const result = await source.fetchActivity(identity, http, { settings, now });
  const { posts: drafts, identity: patch = {}, links = [] }: ActivityResult = Array.isArray(result) ? { posts: result } : result;
  const fetchedAt = now();
  // Keyed per identity: two people can repost the same post, and each keeps their own row.
  const posts: PostRecord[] = drafts.map((draft) => ({
    ...draft, id: `${identity.id}|${draft.id}`, personId: identity.personId, identityId: identity.id, fetchedAt, analysis: analysePost(draft.text),
  }));
  // A full database gives up its oldest posts for these; the sidebar is told, next to this source.
  const { evicted } = await writeMakingRoom(db, () => db.transaction('rw', db.posts, db.identities, async () => {
    await savePosts(db, posts);
    await db.identities.update(identity.id, { ...patch, activityFetchedAt: fetchedAt });
  }));
  if (evicted > 0) {
    const lookup = (await db.people.get(identity.personId))?.lookups[job.source];
    await setLookupState(db, identity.personId, job.source, lookup?.state ?? 'found', fetchedAt, evictionNote(evicted));
  }
  const person = links.length > 0 ? await db.people.get(identity.personId) : undefined;
  if (!person) return;
  const added = await saveLinks(db, person, { ...identity, ...patch }, links, fetchedAt);
  await enqueueJobs(db, activityJobsFor(added, [...sources.values()], job.priority, fetchedAt), fetchedAt);
}
