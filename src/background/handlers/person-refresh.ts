import type { MessageOf, ResponseOf } from '../../shared/messages';
import { setLookupState } from '../../db/people';
import { activityJobsFor, resolveJobsFor } from '../resolver';
import type { BackgroundContext } from '../context';

/** The sidebar's Refresh: everything about this person is fetched again, whatever its age. */
export async function onPersonRefresh(
  message: MessageOf<'person/refresh'>, context: BackgroundContext,
): Promise<ResponseOf<'person/refresh'>> {
  const { db, now } = context;
  const person = await db.people.get(message.personId);
  if (!person) return { queued: 0 };
  const settings = await context.loadSettings();
  const stale = { ...person, lookups: {} };
  const identities = (await db.identities.where('personId').equals(person.id).toArray())
    .map((identity) => ({ ...identity, activityFetchedAt: undefined }));
  const jobs = [
    ...resolveJobsFor(stale, context.sources, settings, 0, now()),
    ...activityJobsFor(identities, context.sources, 0, now()),
  ];
  for (const job of jobs) {
    if (job.kind === 'resolve') await setLookupState(db, person.id, job.source, 'queued', now());
  }
  return { queued: await context.scheduler.enqueue(jobs) };
}
