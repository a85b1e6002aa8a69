import type { MessageOf, ResponseOf } from '../../shared/messages';
import { activityJobsFor } from '../resolver';
import type { BackgroundContext } from '../context';

/** Confirm or reject an identity; a rejected one's posts go, a confirmed possible match gets fetched. */
export async function onIdentityVerdict(
  message: MessageOf<'identity/verdict'>, context: BackgroundContext,
): Promise<ResponseOf<'identity/verdict'>> {
  const { db } = context;
  const identity = await db.identities.get(message.identityId);
  if (!identity) return { ok: false };
  await db.transaction('rw', db.identities, db.posts, async () => {
    await db.identities.update(identity.id, { verdict: message.verdict });
    if (message.verdict === 'rejected') await db.posts.where('identityId').equals(identity.id).delete();
  });
  if (message.verdict === 'confirmed') {
    await context.scheduler.enqueue(activityJobsFor([{ ...identity, verdict: 'confirmed' }], context.sources, 0, context.now()));
  }
  return { ok: true };
}
