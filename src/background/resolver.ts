import type { IdentityRecord, PersonRecord } from '../shared/domain';
import { sourceAllowed, type Settings } from '../shared/settings';
import { activityIsFresh, lookupIsFresh } from './freshness';
import type { JobDraft } from './scheduler/queue';
import type { Source } from './sources/source';

/** Resolve jobs for every allowed source whose last answer about this person is stale. */
export function resolveJobsFor(person: PersonRecord, sources: readonly Source[], settings: Settings, priority: number, now: number): JobDraft[] {
  return sources
    .filter((source) => source.resolve && sourceAllowed(settings, source.id, now))
    .filter((source) => !lookupIsFresh(person.lookups[source.id], now))
    .map((source) => ({
      key: `${source.id}:resolve:${person.id}`,
      source: source.id,
      kind: 'resolve',
      personId: person.id,
      priority,
      payload: {},
    }));
}

/**
 * Activity jobs for identities shown as the person (tiers A and B), the company (C), or a possible
 * match the user confirmed; never for one the user rejected.
 */
export function activityJobsFor(identities: readonly IdentityRecord[], sources: readonly Source[], priority: number, now: number): JobDraft[] {
  const jobs: JobDraft[] = [];
  for (const identity of identities) {
    if (identity.verdict === 'rejected') continue;
    if (identity.tier === 'D' && identity.verdict !== 'confirmed') continue;
    // The accounts a company lists (Wikidata's official accounts) are shown as links; only its news
    // feed is read. Reading each account's posts for every sender would blow the request budget.
    if (identity.tier === 'C' && identity.linkedFrom && identity.network !== 'web' && identity.verdict !== 'confirmed') continue;
    if (activityIsFresh(identity, now)) continue;
    const reader = sources.find((source) => source.fetchActivity && source.activityNetwork === identity.network);
    if (!reader) continue;
    jobs.push({
      key: `${reader.id}:activity:${identity.id}`,
      source: reader.id,
      kind: 'activity',
      personId: identity.personId,
      priority,
      payload: { identityId: identity.id },
    });
  }
  return jobs;
}
