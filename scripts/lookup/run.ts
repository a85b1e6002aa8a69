import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { EarshotDatabase } from '../../src/db/database';
import { upsertPerson } from '../../src/db/people';
import { resolveJobsFor } from '../../src/background/resolver';
import { Scheduler } from '../../src/background/scheduler/scheduler';
import { companyDomain } from '../../src/background/sources/company-domain';
import { ALL_SOURCES } from '../../src/background/sources/registry';
import type { Evidence, IdentityRecord, Network, PersonRecord, PostRecord, SourceId, Tier } from '../../src/shared/domain';
import { skipReason, type SkipReason } from '../../src/shared/lookup-policy';
import { parseSettings, type Settings } from '../../src/shared/settings';
import { SOURCE_IDS } from '../../src/shared/sources-catalog';
import type { Participant } from '../../src/shared/thread';
import { labelled, recordingFetch, type SentRequest } from './network';
import type { Sender } from './sender';

export interface LookupOptions {
  sender: Sender;
  apiBase: string | null;
  githubEmail: boolean;
  timeoutMs: number;
  /** Replaces the global fetch (tests). */
  fetch?: typeof fetch;
}

export interface IdentityOut {
  network: Network;
  handle: string;
  url: string;
  tier: Tier;
  evidence: Evidence[];
  /** As the sidebar decides: tiers A and B are the person; C is the company; D only a possible match. */
  shownAsPerson: boolean;
}

export interface PostOut {
  network: Network;
  url: string;
  text: string;
  /** ISO 8601. */
  createdAt: string;
}

export interface LookupResult {
  identities: IdentityOut[];
  posts: PostOut[];
  company: { domain: string | null; name: string | null; items: PostOut[] };
  requests: SentRequest[];
}

/** What the text report adds to the JSON: why nothing was looked up, and each source's last word. */
export interface LookupDetails {
  sender: Sender;
  skipped: SkipReason | null;
  lookups: PersonRecord['lookups'];
  timedOut: boolean;
}

const TIER_ORDER: Record<Tier, number> = { A: 0, B: 1, C: 2, D: 3 };

/** The sidebar's rule (PersonView): the company is never the person, a possible match only once confirmed. */
export function shownAsPerson(identity: IdentityRecord): boolean {
  if (identity.verdict === 'rejected') return false;
  return identity.tier === 'A' || identity.tier === 'B' || (identity.tier === 'D' && identity.verdict === 'confirmed');
}

function isCompany(identity: IdentityRecord): boolean {
  return identity.verdict !== 'rejected' && identity.tier === 'C';
}

function postOut(post: PostRecord): PostOut {
  return { network: post.network, url: post.url, text: post.text, createdAt: new Date(post.createdAt).toISOString() };
}

function newestFirst(a: PostRecord, b: PostRecord): number {
  return b.createdAt - a.createdAt || a.network.localeCompare(b.network) || a.url.localeCompare(b.url) || a.text.localeCompare(b.text);
}

/** Every source on, the user's first-run choice made; GitHub's search by address only when asked for. */
export function lookupSettings(githubEmail: boolean): Settings {
  return parseSettings({
    onboarded: true,
    sources: Object.fromEntries(SOURCE_IDS.map((id) => [id, true])),
    githubEmailSearch: githubEmail,
  });
}

/**
 * Runs Earshot's own scheduler, resolver and sources for one sender, on an in-memory IndexedDB, and
 * reads back what they stored, exactly as the sidebar would read it.
 */
export async function runLookup(options: LookupOptions): Promise<LookupResult & { details: LookupDetails }> {
  const settings = lookupSettings(options.githubEmail);
  const participant: Participant = { name: options.sender.name, email: options.sender.email, roles: ['from'], messageCount: 1, isPerson: true };
  const requests: SentRequest[] = [];
  const empty = { identities: [], posts: [], company: { domain: null, name: null, items: [] }, requests };
  const skipped = skipReason(participant, null, settings);
  if (skipped) return { ...empty, details: { sender: options.sender, skipped, lookups: {}, timedOut: false } };

  const db = new EarshotDatabase(`earshot-lookup-${process.pid}-${Date.now()}-${Math.random()}`, { indexedDB, IDBKeyRange });
  try {
    const sources = ALL_SOURCES.map(labelled);
    const scheduler = new Scheduler({
      db,
      sources,
      loadSettings: async () => settings,
      fetch: recordingFetch(options.apiBase, requests, options.fetch),
      now: () => Date.now(),
      // The process stays up while it waits, so its own timers are enough.
      wakeAt: () => undefined,
      hasHostPermission: async () => true,
    });
    const person = await upsertPerson(db, participant, Date.now());
    await scheduler.enqueue(resolveJobsFor(person, sources, settings, 0, Date.now()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = await Promise.race([
      scheduler.idle().then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), options.timeoutMs);
      }),
    ]);
    clearTimeout(timer);

    const stored = await db.identities.where('personId').equals(person.id).toArray();
    stored.sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || a.network.localeCompare(b.network) || a.handle.localeCompare(b.handle));
    const posts = (await db.posts.where('personId').equals(person.id).toArray()).sort(newestFirst);
    const asPerson = new Set(stored.filter(shownAsPerson).map((identity) => identity.id));
    const company = stored.filter(isCompany);
    const companyIds = new Set(company.map((identity) => identity.id));
    // Wikidata's item names the organisation best (its own evidence, not one inherited by the accounts it
    // lists); any other company identity's name will do.
    const ownEvidence = (identity: IdentityRecord) => identity.evidence[identity.evidence.length - 1]?.kind;
    const named = company.find((identity) => ownEvidence(identity) === 'wikidata-official-website' && identity.displayName)
      ?? company.find((identity) => identity.displayName);
    const order = new Map<string, number>(ALL_SOURCES.map((source, index) => [source.id, index]));
    const finalPerson = await db.people.get(person.id);
    return {
      identities: stored.map((identity) => ({
        network: identity.network,
        handle: identity.handle,
        url: identity.url,
        tier: identity.tier,
        evidence: identity.evidence,
        shownAsPerson: asPerson.has(identity.id),
      })),
      posts: posts.filter((post) => asPerson.has(post.identityId)).map(postOut),
      company: {
        domain: companyDomain(person),
        name: named?.displayName ?? null,
        items: posts.filter((post) => companyIds.has(post.identityId)).map(postOut),
      },
      // By source in the order they start, each source's requests in the order it sent them.
      requests: requests
        .map((request, index) => ({ request, index }))
        .sort((a, b) => (order.get(a.request.source) ?? 99) - (order.get(b.request.source) ?? 99) || a.index - b.index)
        .map(({ request }) => request),
      details: { sender: options.sender, skipped: null, lookups: finalPerson?.lookups ?? {}, timedOut },
    };
  } finally {
    db.close();
    await db.delete().catch(() => undefined);
  }
}

export function lookupStates(lookups: PersonRecord['lookups']): Array<{ source: SourceId; state: string; detail?: string }> {
  return SOURCE_IDS.flatMap((source) => {
    const lookup = lookups[source];
    return lookup ? [{ source, state: lookup.state, ...(lookup.detail ? { detail: lookup.detail } : {}) }] : [];
  });
}
