import type { IdentityRecord, JobRecord, PostRecord } from '../../shared/domain';
import type { EarshotDatabase } from '../../db/database';
import { saveIdentity, savePosts } from '../../db/activity';
import { setLookupState } from '../../db/people';
import type { Source, SourceHttp } from '../sources/source';
import { activityJobsFor } from '../resolver';
import { enqueueJobs } from './queue';

export interface JobContext {
  db: EarshotDatabase;
  sources: ReadonlyMap<string, Source>;
  http: SourceHttp;
  now: () => number;
}

/** Does one job's work and writes what it found. Throws what the scheduler must handle (retry, off). */
export async function runJob(job: JobRecord, context: JobContext): Promise<void> {
  const source = context.sources.get(job.source);
  if (!source) return;
  if (job.kind === 'resolve') await runResolve(job, source, context);
  else await runActivity(job, source, context);
}

async function runResolve(job: JobRecord, source: Source, { db, http, now, sources }: JobContext): Promise<void> {
  const person = await db.people.get(job.personId);
  if (!person || !source.resolve) return;
  await setLookupState(db, person.id, source.id, 'running', now());
  const drafts = await source.resolve(person, http);
  const saved: IdentityRecord[] = [];
  for (const draft of drafts) {
    saved.push(await saveIdentity(db, {
      ...draft,
      id: `${person.id}|${draft.network}:${draft.handle.toLowerCase()}`,
      personId: person.id,
      verdict: null,
      fetchedAt: now(),
    }));
  }
  await setLookupState(db, person.id, source.id, saved.length > 0 ? 'found' : 'none', now());
  // The source that found an identity is not always the one that reads its posts (a Gravatar profile
  // links a Bluesky handle), so every source is offered and the resolver picks by network.
  await enqueueJobs(db, activityJobsFor(saved, [...sources.values()], job.priority, now()), now());
}

async function runActivity(job: JobRecord, source: Source, { db, http, now }: JobContext): Promise<void> {
  const identityId = job.payload.identityId;
  const identity = identityId ? await db.identities.get(identityId) : undefined;
  if (!identity || !source.fetchActivity || identity.verdict === 'rejected') return;
  const drafts = await source.fetchActivity(identity, http);
  const fetchedAt = now();
  const posts: PostRecord[] = drafts.map((draft) => ({ ...draft, personId: identity.personId, identityId: identity.id, fetchedAt }));
  await db.transaction('rw', db.posts, db.identities, async () => {
    await savePosts(db, posts);
    await db.identities.update(identity.id, { activityFetchedAt: fetchedAt });
  });
}
