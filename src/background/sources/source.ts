import type { Evidence, IdentifierKind, IdentityRecord, Network, PersonRecord, PostRecord, SourceId, Tier } from '../../shared/domain';
import type { Settings } from '../../shared/settings';

/** A parsed answer, or why there is none. Network faults and 429s are thrown, not returned. */
export type HttpResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number };

/** Raw bytes with their declared type: feeds name their own encoding, which Response.text() ignores. */
export interface BytesBody {
  bytes: Uint8Array;
  contentType: string | null;
}

/** The only way a source reaches the network: every call is gated, rate-limited and audited. */
export interface SourceHttp {
  /** `parse` validates the body; it throws InvalidResponseError when the shape is wrong. */
  getJson<T>(url: string, sent: IdentifierKind, parse: (body: unknown) => T): Promise<HttpResult<T>>;
  getText(url: string, sent: IdentifierKind): Promise<HttpResult<string>>;
  getBytes(url: string, sent: IdentifierKind): Promise<HttpResult<BytesBody>>;
}

/** An account another identity links to (Gravatar verified accounts, GitHub social_accounts, rel=me). */
export interface LinkedAccount {
  network: Network;
  handle: string;
  url: string;
  /** True when the linking service verified it or it links back: tier B. Unverified links are tier D. */
  verified: boolean;
  /** One sentence: "Listed as a verified account on their Gravatar profile". */
  evidenceText: string;
}

export interface IdentityDraft {
  network: Network;
  handle: string;
  url: string;
  displayName?: string;
  avatarUrl?: string;
  description?: string;
  externalId?: string;
  tier: Tier;
  evidence: Evidence[];
  /** Facts for the person card (Gravatar, GitHub): shown when this identity is shown as the person. */
  profile?: { jobTitle?: string; company?: string; location?: string };
  /** Accounts this identity links to; the scheduler stores them as identities of their own. */
  links?: LinkedAccount[];
}

/** What a source may know about the circumstances of a lookup. */
export interface SourceContext {
  settings: Settings;
  /** The scheduler's clock, so undated feed items and tests agree on "now". */
  now: () => number;
}

export type PostDraft = Omit<PostRecord, 'personId' | 'identityId' | 'fetchedAt'>;

/** What an activity fetch learned besides posts (GitHub reads the profile and its listed accounts too). */
export interface ActivityResult {
  posts: PostDraft[];
  /** Fresher facts for the stored identity: a link gave only a handle, the profile gives the rest. */
  identity?: Partial<Pick<IdentityDraft, 'displayName' | 'avatarUrl' | 'description' | 'externalId' | 'profile'>>;
  /** Accounts the identity lists; run-job tells a link back from a new claim. */
  links?: LinkedAccount[];
}

export interface Source {
  id: SourceId;
  /** Turns a person into identities; an empty list means nothing public was found. */
  resolve?(person: PersonRecord, http: SourceHttp, context: SourceContext): Promise<IdentityDraft[]>;
  /** The network whose identities this source fetches activity for. */
  activityNetwork?: Network;
  fetchActivity?(identity: IdentityRecord, http: SourceHttp, context: SourceContext): Promise<PostDraft[] | ActivityResult>;
  /**
   * Sources that reach hosts only known at run time (fediverse instances, company sites) need an
   * optional host permission the user grants; without it they are skipped and the sidebar says why.
   */
  needsHostPermission?: boolean;
}

/** A response whose body is not what the API documents: a recorded source error, never a crash. */
export class InvalidResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidResponseError';
  }
}
