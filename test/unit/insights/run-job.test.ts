import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { EarshotDatabase } from '../../../src/db/database';
import { runJob } from '../../../src/background/scheduler/run-job';
import type { Source, SourceHttp } from '../../../src/background/sources/source';
import type { JobRecord } from '../../../src/shared/domain';
import { parseSettings } from '../../../src/shared/settings';
import { needsAttention, talkingPoints } from '../../../src/shared/insights';
import { identity, NOW, person } from '../helpers/seed';

/** Posts are analysed once, in the background, when they are saved: the sidebar only counts. */
let db: EarshotDatabase;
beforeEach(() => {
  db = new EarshotDatabase(`insights-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

it('stores the analysis with every post an activity job saves', async () => {
  const maya = identity({ handle: 'maya.northwind-labs.com' });
  await db.people.put(person());
  await db.identities.put(maya);
  const source: Source = {
    id: 'bluesky',
    activityNetwork: 'bluesky',
    fetchActivity: async () => [
      { id: 'bluesky:1', network: 'bluesky', url: 'https://bsky.app/x/1', kind: 'post', createdAt: NOW - 3_600_000,
        text: 'The onboarding at Contoso is honestly frustrating: two days and still no working export. #procurement' },
      { id: 'bluesky:2', network: 'bluesky', url: 'https://bsky.app/x/2', kind: 'post', createdAt: NOW - 7_200_000,
        text: 'Great panel at #SupplyChainSummit today on forecasting under uncertainty.' },
    ],
  };
  const job: JobRecord = {
    key: 'activity', source: 'bluesky', kind: 'activity', personId: maya.personId, priority: 0,
    payload: { identityId: maya.id }, attempts: 0, notBefore: 0, createdAt: NOW, state: 'running',
  };
  await runJob(job, {
    db, sources: new Map([['bluesky', source]]), http: {} as SourceHttp, settings: parseSettings({ onboarded: true }), now: () => NOW,
  });

  const posts = await db.posts.where('personId').equals(maya.personId).toArray();
  expect(posts.map((post) => [post.id, post.analysis])).toEqual([
    [`${maya.id}|bluesky:1`, {
      hashtags: ['#procurement'], mentions: [], organisations: ['Contoso'], topics: ['onboarding', 'export'], sentiment: -0.612,
    }],
    [`${maya.id}|bluesky:2`, {
      hashtags: ['#SupplyChainSummit'], mentions: [], organisations: [], topics: ['panel', 'forecasting', 'uncertainty'], sentiment: 0.612,
    }],
  ]);
  expect(talkingPoints(posts, NOW).organisations).toEqual([{ label: 'Contoso', count: 1 }]);
  expect(needsAttention(posts, ['Contoso'], ['northwind-labs.com']).map((found) => found.matched)).toEqual(['Contoso']);
});
