import type { IdentityRecord, PersonRecord, PersonSignature } from '../../shared/domain';
import type { MessageBody, Signature, SignatureProfile } from '../../shared/message-body';
import type { EarshotDatabase } from '../../db/database';
import { identityId, saveIdentity } from '../../db/activity';
import { profileUrl as blueskyProfileUrl } from '../sources/bluesky';
import { extractSignature } from './signature';

/** Networks whose accounts Earshot reads; LinkedIn and X have no keyless route and stay links. */
const READ_NETWORKS = new Set(['bluesky', 'mastodon', 'github']);
const LINK_ONLY_NETWORKS = new Set(['linkedin', 'x']);

export const OWN_SIGNATURE_EVIDENCE = 'own-signature';

/**
 * The newest signature among this person's own messages: people change jobs, and an older message
 * quoted further down the conversation is theirs too but older.
 */
export function latestSignature(bodies: readonly MessageBody[], email: string): Signature | null {
  for (let index = bodies.length - 1; index >= 0; index -= 1) {
    const body = bodies[index] as MessageBody;
    if (body.senderEmail !== email) continue;
    const signature = extractSignature(body);
    if (signature) return signature;
  }
  return null;
}

/** What is kept of a signature: the fields for the card and the profile links, nothing else of the body. */
export function storedSignature(signature: Signature, now: number): PersonSignature {
  const kept: PersonSignature = { links: signature.profiles.map((profile) => ({ ...profile })), seenAt: now };
  if (signature.title) kept.title = signature.title;
  if (signature.company) kept.company = signature.company;
  if (signature.phone) kept.phone = signature.phone;
  if (signature.website) kept.website = signature.website;
  return kept;
}

function identityFromProfile(person: PersonRecord, profile: SignatureProfile, now: number): IdentityRecord | null {
  const handle = profile.handle ?? (LINK_ONLY_NETWORKS.has(profile.network) ? profile.url : undefined);
  if (!handle) return null;
  const network = profile.network as IdentityRecord['network'];
  return {
    id: identityId(person.id, network, handle),
    personId: person.id,
    network,
    handle,
    url: network === 'bluesky' ? blueskyProfileUrl(handle) : profile.url,
    // Their own signature, in a message from their own address: tied to the email (DESIGN.md §3).
    tier: 'A',
    evidence: [{ kind: OWN_SIGNATURE_EVIDENCE, text: 'Linked in their own email signature', url: profile.url }],
    verdict: null,
    fetchedAt: now,
  };
}

/**
 * Stores the signature on the person and each profile link as an identity of theirs; returns the
 * identities whose posts can be read (Bluesky, Mastodon, GitHub), for the caller to queue. A link the
 * user said is not this person stays rejected and is not returned.
 */
export async function applySignature(db: EarshotDatabase, person: PersonRecord, signature: Signature, now: number): Promise<IdentityRecord[]> {
  await db.people.update(person.id, { signature: storedSignature(signature, now) });
  const readable: IdentityRecord[] = [];
  for (const profile of signature.profiles) {
    if (!READ_NETWORKS.has(profile.network) && !LINK_ONLY_NETWORKS.has(profile.network)) continue;
    const identity = identityFromProfile(person, profile, now);
    if (!identity) continue;
    const existing = await db.identities.get(identity.id);
    if (existing?.verdict === 'rejected') continue;
    const saved = await saveIdentity(db, identity);
    if (READ_NETWORKS.has(saved.network)) readable.push(saved);
  }
  return readable;
}
