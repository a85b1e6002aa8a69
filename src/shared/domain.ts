/** The records Earshot keeps about people, shared by the database, the background and the UI. */
import type { Participant } from './thread';
import type { PostAnalysis } from './insights';
import type { SignatureProfile } from './message-body';

export type SourceId = 'bluesky' | 'gravatar' | 'mastodon' | 'github' | 'hackernews' | 'wikidata' | 'companySite';

export type Network = 'bluesky' | 'gravatar' | 'mastodon' | 'github' | 'hackernews' | 'web' | 'x' | 'linkedin' | 'other';

/**
 * Evidence tiers from DESIGN.md §3.
 * A: tied to the email; B: linked from an A identity and back; C: the company; D: name match only.
 */
export type Tier = 'A' | 'B' | 'C' | 'D';

export interface Evidence {
  /** Machine-readable kind, e.g. 'domain-handle', 'gravatar-hash', 'linked-from'. */
  kind: string;
  /** One sentence a person can read: "alice.acme.com is a Bluesky handle on the sender's own domain". */
  text: string;
  url?: string;
}

/** What the user said about an identity; it wins over every rule. */
export type UserVerdict = 'confirmed' | 'rejected' | null;

export interface PersonRecord {
  /** The normalised address, or `name:<lower-cased name>` for people known only by name. */
  id: string;
  email: string | null;
  name: string;
  domain: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
  /** Per-source lookup state, so the UI can say what is happening. */
  lookups: Partial<Record<SourceId, SourceLookup>>;
  /**
   * What their own email signature says, the only thing kept from a message body: the card shows the
   * title and company when no source has them.
   */
  signature?: PersonSignature;
  /**
   * For a name-only person: when the user chose to look up this name, mentioned in a conversation. The
   * name is then the one thing of that body that is kept, and its matches stay possible until confirmed.
   */
  lookupChosenAt?: number;
}

export interface PersonSignature {
  title?: string;
  company?: string;
  phone?: string;
  website?: string;
  links: SignatureProfile[];
  /** When the signature was last read from one of their messages. */
  seenAt: number;
}

export type LookupState = 'queued' | 'running' | 'found' | 'none' | 'error' | 'skipped';

export interface SourceLookup {
  state: LookupState;
  at: number;
  /** A sentence for the user when state is 'error' or 'skipped'. */
  detail?: string;
}

export interface IdentityRecord {
  /** `${personId}|${network}:${handle}` — the same handle can belong to two people (a company account). */
  id: string;
  personId: string;
  network: Network;
  handle: string;
  url: string;
  displayName?: string;
  avatarUrl?: string;
  description?: string;
  /** Network-internal id used to fetch activity (a Bluesky DID, a Mastodon account id). */
  externalId?: string;
  tier: Tier;
  evidence: Evidence[];
  verdict: UserVerdict;
  fetchedAt: number;
  /** Job title, company and location, when the source publishes them. */
  profile?: { jobTitle?: string; company?: string; location?: string };
  /** For a linked identity (tier B or D): the identity that links to it. */
  linkedFrom?: string;
  /** When this identity's posts were last fetched; absent until they have been. */
  activityFetchedAt?: number;
  /** True when the user added this identity by hand. */
  addedByUser?: boolean;
}

export interface PostRecord {
  /** `${identityId}|${network}:${network post id}`: two people can repost the same post. */
  id: string;
  personId: string;
  identityId: string;
  network: Network;
  url: string;
  text: string;
  createdAt: number;
  fetchedAt: number;
  kind: 'post' | 'repost' | 'reply' | 'quote';
  /** Author handle when it differs from the identity (a repost). */
  author?: string;
  counts?: { replies?: number; reposts?: number; likes?: number };
  images?: { url: string; alt: string }[];
  link?: { url: string; title: string };
  /** Hashtags, mentions, organisations, topics and sentiment, computed in the background when saved. */
  analysis?: PostAnalysis;
}

export interface NoteRecord {
  personId: string;
  text: string;
  updatedAt: number;
}

/** Kinds of identifier a request can carry; the audit log records the kind, never the value. */
export type IdentifierKind = 'hash' | 'address' | 'domain' | 'handle' | 'name' | 'id' | 'none';

export interface RequestLogRecord {
  id?: number;
  at: number;
  source: SourceId;
  host: string;
  /** Path only: the query can hold the identifier itself. */
  path: string;
  identifierKind: IdentifierKind;
  /** HTTP status, or 0 for a network failure or timeout. */
  status: number;
  durationMs: number;
}

export type JobKind = 'resolve' | 'activity';

export interface JobRecord {
  id?: number;
  /** Identical work shares one key, so two tabs on one conversation make one set of requests. */
  key: string;
  source: SourceId;
  kind: JobKind;
  personId: string;
  /** Lower runs first: 0 for the conversation on screen. */
  priority: number;
  payload: Record<string, string>;
  attempts: number;
  notBefore: number;
  createdAt: number;
  state: 'queued' | 'running';
}

/** A conversation a mail tab reported; the browser's side panel follows the newest. */
export interface ThreadRecord {
  key: string;
  client: string;
  threadId: string;
  subject: string;
  participants: Participant[];
  self: string | null;
  seenAt: number;
}
