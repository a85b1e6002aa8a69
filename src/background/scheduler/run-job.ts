import type { IdentityRecord, JobRecord, PersonRecord, PostRecord } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import type { EarshotDatabase } from '../../db/database';
import { identityId, saveIdentity, savePosts } from '../../db/activity';
import { setLookupState } from '../../db/people';
import type { IdentityDraft, LinkedAccount, Source, SourceHttp } from '../sources/source';
import { activityJobsFor } from '../resolver';
import { enqueueJobs } from './queue';

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

async function runResolve(job: JobRecord, source: Source, context: JobContext): Promise<void> {
  const { db, http, now, sources, settings } = context;
  const person = await db.people.get(job.personId);
  if (!person || !source.resolve) return;
  await setLookupState(db, person.id, source.id, 'running', now());
  const drafts = await source.resolve(person, http, { settings });
  const saved: IdentityRecord[] = [];
  for (const draft of drafts) {
    const identity = await saveIdentity(db, identityFromDraft(person, draft, now()));
    saved.push(identity);
    for (const link of draft.links ?? []) {
      // A link never downgrades what a stronger rule already proved about the same account.
      const linked = identityFromLink(person, identity, link, now());
      const existing = await db.identities.get(linked.id);
      if (existing && existing.tier <= linked.tier) continue;
      saved.push(await saveIdentity(db, linked));
    }
  }
  await setLookupState(db, person.id, source.id, drafts.length > 0 ? 'found' : 'none', now());
  // The source that found an identity is not always the one that reads its posts (a Gravatar profile
  // links a Bluesky handle), so every source is offered and the resolver picks by network.
  await enqueueJobs(db, activityJobsFor(saved, [...sources.values()], job.priority, now()), now());
}

async function runActivity(job: JobRecord, source: Source, { db, http, now, settings }: JobContext): Promise<void> {
  const id = job.payload.identityId;
  const identity = id ? await db.identities.get(id) : undefined;
  if (!identity || !source.fetchActivity || identity.verdict === 'rejected') return;
  const drafts = await source.fetchActivity(identity, http, { settings });
  const fetchedAt = now();
  // Keyed per identity: two people can repost the same post, and each keeps their own row.
  const posts: PostRecord[] = drafts.map((draft) => ({
    ...draft, id: `${identity.id}|${draft.id}`, personId: identity.personId, identityId: identity.id, fetchedAt,
  }));
  await db.transaction('rw', db.posts, db.identities, async () => {
    await savePosts(db, posts);
    await db.identities.update(identity.id, { activityFetchedAt: fetchedAt });
  });
}
