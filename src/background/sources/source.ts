import type { Evidence, IdentifierKind, IdentityRecord, Network, PersonRecord, PostRecord, SourceId, Tier } from '../../shared/domain';

/** A parsed answer, or why there is none. Network faults and 429s are thrown, not returned. */
export type HttpResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number };

/** The only way a source reaches the network: every call is gated, rate-limited and audited. */
export interface SourceHttp {
  /** `parse` validates the body; it throws InvalidResponseError when the shape is wrong. */
  getJson<T>(url: string, sent: IdentifierKind, parse: (body: unknown) => T): Promise<HttpResult<T>>;
  getText(url: string, sent: IdentifierKind): Promise<HttpResult<string>>;
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
}

export type PostDraft = Omit<PostRecord, 'personId' | 'identityId' | 'fetchedAt'>;

export interface Source {
  id: SourceId;
  /** Turns a person into identities; an empty list means nothing public was found. */
  resolve?(person: PersonRecord, http: SourceHttp): Promise<IdentityDraft[]>;
  /** The network whose identities this source fetches activity for. */
  activityNetwork?: Network;
  fetchActivity?(identity: IdentityRecord, http: SourceHttp): Promise<PostDraft[]>;
}

/** A response whose body is not what the API documents: a recorded source error, never a crash. */
export class InvalidResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidResponseError';
  }
}
