import type { MessageOf, ResponseOf } from '../../shared/messages';
import { identityId, saveIdentity } from '../../db/activity';
import { isValidHandle } from '../sources/bluesky-handles';
import { profileUrl } from '../sources/bluesky';
import { activityJobsFor } from '../resolver';
import type { BackgroundContext } from '../context';

/** A handle the user says is this person: it wins over every rule, so it is stored as confirmed. */
export async function onIdentityAdd(
  message: MessageOf<'identity/add'>, context: BackgroundContext,
): Promise<ResponseOf<'identity/add'>> {
  const { db, now } = context;
  const person = await db.people.get(message.personId);
  if (!person) return { ok: false, reason: 'Unknown person.' };
  const handle = message.handle.trim().replace(/^@/, '').toLowerCase();
  if (message.network !== 'bluesky') return { ok: false, reason: `Adding ${message.network} handles comes with that source.` };
  if (!isValidHandle(handle)) return { ok: false, reason: `${handle} is not a Bluesky handle.` };
  const identity = await saveIdentity(db, {
    id: identityId(person.id, 'bluesky', handle),
    personId: person.id,
    network: 'bluesky',
    handle,
    url: profileUrl(handle),
    tier: 'A',
    evidence: [{ kind: 'user-added', text: 'You added this handle.' }],
    verdict: 'confirmed',
    addedByUser: true,
    fetchedAt: now(),
  });
  await db.identities.update(identity.id, { verdict: 'confirmed' });
  await context.scheduler.enqueue(activityJobsFor([{ ...identity, verdict: 'confirmed' }], context.sources, 0, now()));
  return { ok: true };
}
