import 'fake-indexeddb/auto';
import { EarshotDatabase } from '../../../src/db/database';
import { sourceHttp } from '../../../src/background/scheduler/http';
import { blueskySource } from '../../../src/background/sources/bluesky';
import { companySiteSource } from '../../../src/background/sources/company-site';
import { fetchGithubActivity } from '../../../src/background/sources/github';
import { gravatarSource } from '../../../src/background/sources/gravatar';
import { hackerNewsSource } from '../../../src/background/sources/hackernews';
import { mastodonSource } from '../../../src/background/sources/mastodon';
import type { IdentityDraft, LinkedAccount, PostDraft, Source, SourceContext } from '../../../src/background/sources/source';
import { wikidataSource } from '../../../src/background/sources/wikidata';
import type { IdentityRecord, PersonRecord, SourceId, Tier } from '../../../src/shared/domain';
import { parseSettings } from '../../../src/shared/settings';
import { NETWORK_LABELS, tierBadge } from '../../../src/ui/common/tiers';
import { bodyOf } from '../../fixtures/hostile/kit';
import { HostileWorld, type HostileSource, type SlotCases } from '../../fixtures/hostile/world';

/** What one source made of one hostile person, through the real HTTP gate (size cap, JSON parsing). */
export interface CaseRun {
  identities: IdentityDraft[];
  links: LinkedAccount[];
  posts: PostDraft[];
  /** Identity rows as the sidebar writes them: `Network handle · Badge`. */
  rows: string[];
  /** What resolve or the activity read threw. */
  errors: unknown[];
  requests: string[];
}

const SOURCE_IDS: Record<HostileSource, SourceId> = {
  bluesky: 'bluesky', gravatar: 'gravatar', github: 'github', mastodon: 'mastodon', hackernews: 'hackernews', wikidata: 'wikidata', companySite: 'companySite',
};

const NOW = Date.now();
const settings = parseSettings({ onboarded: true, sources: { bluesky: true, gravatar: true, github: true, mastodon: true, hackernews: true, wikidata: true, companySite: true } });
const context: SourceContext = { settings, now: () => NOW };

let db: EarshotDatabase | undefined;

function fakeFetch(world: HostileWorld, requests: string[]): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    requests.push(url.href);
    const answer = world.answer({ host: url.hostname, path: url.pathname, query: url.searchParams });
    if (!answer) return new Response('not found', { status: 404 });
    const body = bodyOf(answer);
    return new Response(answer.status === 204 ? null : body, { status: answer.status, headers: { 'content-type': answer.contentType } });
  }) as typeof fetch;
}

function record(personId: string, draft: IdentityDraft): IdentityRecord {
  const { links: _links, ...fields } = draft;
  return { ...fields, id: `${personId}|${draft.network}:${draft.handle.toLowerCase()}`, personId, verdict: null, fetchedAt: NOW };
}

function row(network: string, handle: string, badge: string): string {
  return `${NETWORK_LABELS[network] ?? network} ${handle} · ${badge}`;
}

/** The tier run-job gives a link: B when verified from A or B, C from a company, else a possible match. */
function linkTier(parent: Tier, link: LinkedAccount): Tier {
  if (parent === 'C') return 'C';
  return link.verified && (parent === 'A' || parent === 'B') ? 'B' : 'D';
}

export async function runCase(source: HostileSource, person: SlotCases): Promise<CaseRun> {
  db ??= new EarshotDatabase(`hostile-${Math.random()}`);
  const requests: string[] = [];
  const world = new HostileWorld([person]);
  const deps = {
    db,
    loadSettings: async () => settings,
    fetch: fakeFetch(world, requests),
    now: () => NOW,
    onRateLimited: () => undefined,
    hasHostPermission: async () => true,
  };
  const http = sourceHttp(SOURCE_IDS[source], deps);
  const s = person.slot;
  const personRecord: PersonRecord = { id: s.email, email: s.email, name: 'Pat Example', domain: s.domain, firstSeenAt: NOW, lastSeenAt: NOW, lookups: {} };
  const run: CaseRun = { identities: [], links: [], posts: [], rows: [], errors: [], requests };
  const attempt = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      run.errors.push(error);
    }
  };
  const readActivity = async (reader: Source, identity: IdentityRecord) => {
    await attempt(async () => {
      const result = await reader.fetchActivity!(identity, http, context);
      const posts = Array.isArray(result) ? result : result.posts;
      run.posts.push(...posts);
      if (!Array.isArray(result)) run.links.push(...(result.links ?? []));
    });
  };

  if (source === 'github') {
    // Reached as the account a Gravatar profile lists: a tier B identity holding only the login.
    const identity: IdentityRecord = {
      id: `${personRecord.id}|github:${s.githubLogin}`, personId: personRecord.id, network: 'github', handle: s.githubLogin,
      url: `https://github.com/${s.githubLogin}`, tier: 'B', evidence: [{ kind: 'linked-from', text: 'Listed on Gravatar.' }], verdict: null, fetchedAt: NOW,
    };
    run.rows.push(row('github', s.githubLogin, tierBadge(identity)));
    await attempt(async () => {
      const result = await fetchGithubActivity(identity, http);
      run.posts.push(...result.posts);
      run.links.push(...result.links);
    });
    return run;
  }

  const resolver: Source = {
    bluesky: blueskySource, gravatar: gravatarSource, mastodon: mastodonSource, hackernews: hackerNewsSource,
    wikidata: wikidataSource, companySite: companySiteSource,
  }[source];
  await attempt(async () => {
    run.identities.push(...(await resolver.resolve!(personRecord, http, context)));
  });
  for (const draft of run.identities) {
    const identity = record(personRecord.id, draft);
    run.rows.push(row(draft.network, draft.handle, tierBadge(identity)));
    for (const link of draft.links ?? []) {
      run.links.push(link);
      const tier = linkTier(draft.tier, link);
      run.rows.push(row(link.network, link.handle, tierBadge({ ...identity, tier, evidence: [], network: link.network, handle: link.handle })));
    }
    if (resolver.fetchActivity && resolver.activityNetwork === draft.network) await readActivity(resolver, identity);
  }
  return run;
}
