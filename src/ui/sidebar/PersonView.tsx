import { database } from '../../db/database';
import { postsOf } from '../../db/activity';
import type { Participant } from '../../shared/thread';
import { useLiveQuery } from '../common/use-live-query';
import { send } from '../common/send';
import { IdentityList } from './IdentityList';
import { LookupStatus } from './LookupStatus';
import { PostList } from './PostList';
import { PersonHeader } from './PersonHeader';

const POSTS_SHOWN = 30;

/** One person: read live from IndexedDB, so it paints from cache and updates as each source lands. */
export function PersonView({ personId, participant }: { personId: string; participant: Participant }) {
  const db = database();
  const person = useLiveQuery(() => db.people.get(personId), [personId]);
  const identities = useLiveQuery(() => db.identities.where('personId').equals(personId).toArray(), [personId]);
  const posts = useLiveQuery(() => postsOf(db, personId, POSTS_SHOWN), [personId]);

  if (person.status === 'error' || identities.status === 'error' || posts.status === 'error') {
    return <p class="state error" role="alert">Earshot's local database could not be read. Reload the page to try again.</p>;
  }
  if (person.status === 'loading' || identities.status === 'loading' || posts.status === 'loading') {
    return <p class="state" role="status" aria-busy="true">Loading…</p>;
  }
  const shownIdentities = identities.value.filter((identity) => identity.verdict !== 'rejected');
  // The company is labelled as such and never shown as the person (DESIGN.md §3).
  const asPerson = shownIdentities.filter((identity) => identity.tier !== 'C' && (identity.tier !== 'D' || identity.verdict === 'confirmed'));
  const company = shownIdentities.filter((identity) => identity.tier === 'C');
  return (
    <article class="person" aria-label={`About ${participant.name || participant.email}`} data-testid="person">
      <PersonHeader participant={participant} identities={asPerson} />
      <LookupStatus
        person={person.value}
        hasIdentities={shownIdentities.length > 0}
        onRefresh={() => void send({ type: 'person/refresh', personId })}
      />
      <IdentityList identities={shownIdentities} />
      <PostList posts={posts.value} identities={asPerson} title="Recent posts" />
      <PostList posts={posts.value} identities={company} title="From their company" />
    </article>
  );
}
