import { database } from '../../db/database';
import { postsOf } from '../../db/activity';
import type { Settings } from '../../shared/settings';
import type { Participant } from '../../shared/thread';
import { useSharedLiveQuery } from '../common/shared-live-query';
import { send } from '../common/send';
import { AddHandle } from './AddHandle';
import { IdentityList, PossibleMatches } from './IdentityList';
import { LookupStatus } from './LookupStatus';
import { NeedsAttention } from './NeedsAttention';
import { Notes } from './Notes';
import { PersonHeader } from './PersonHeader';
import { shownAsPerson } from '../common/person-facts';
import { PostList } from './PostList';
import { TalkingPoints } from './TalkingPoints';

const POSTS_READ = 200;

/** One person: read live from IndexedDB, so it paints from cache and updates as each source lands. */
export function PersonView({ personId, participant, settings }: { personId: string; participant: Participant; settings: Settings }) {
  const db = database();
  // One query for the whole card, shared and kept a while: switching back to a conversation shows its
  // sender from memory at once, and a first look waits for one round of reads, not three.
  const card = useSharedLiveQuery(`person ${personId}`, () => Promise.all([
    db.people.get(personId),
    db.identities.where('personId').equals(personId).toArray(),
    postsOf(db, personId, POSTS_READ),
  ]));

  if (card.status === 'error') {
    return <p class="state error" role="alert">Earshot's local database could not be read. Reload the page to try again.</p>;
  }
  if (card.status === 'loading') {
    return <p class="state" role="status">Loading…</p>;
  }
  const [person, identities, posts] = card.value;
  const now = Date.now();
  const live = identities.filter((identity) => identity.verdict !== 'rejected');
  // The company is labelled as such and never shown as the person (DESIGN.md §3).
  const asPerson = live.filter(shownAsPerson).filter((identity) => identity.tier !== 'C');
  const company = live.filter((identity) => identity.tier === 'C');
  const possible = live.filter((identity) => identity.tier === 'D' && identity.verdict !== 'confirmed');
  const ownPosts = posts.filter((post) => asPerson.some((identity) => identity.id === post.identityId));
  // NaN (no date, or one that does not parse) draws no line.
  const since = Date.parse(participant.lastMessageAt ?? '');
  const name = participant.name || participant.email || '';
  return (
    <article class="person" aria-label={`About ${name}`} data-testid="person">
      <PersonHeader personId={personId} participant={participant} identities={asPerson} settings={settings} signature={person?.signature} />
      <LookupStatus person={person} hasIdentities={live.length > 0} now={now}
        onRefresh={() => void send({ type: 'person/refresh', personId })} />
      <NeedsAttention posts={ownPosts} settings={settings} now={now} />
      <IdentityList identities={asPerson} title="Public identities" testId="identities" />
      <PossibleMatches identities={possible} />
      <AddHandle personId={personId} />
      <TalkingPoints posts={ownPosts} now={now} />
      <PostList posts={posts} identities={asPerson} title="Recent posts" since={Number.isNaN(since) ? null : since} now={now} />
      {company.length > 0 && (
        <section class="company" aria-label="Their company" data-testid="company">
          <h3 class="section-title">Company</h3>
          <IdentityList identities={company} title="Official accounts" testId="company-identities" />
          <PostList posts={posts} identities={company} title="Company news" now={now} testId="company-posts" />
        </section>
      )}
      <Notes personId={personId} name={name} />
    </article>
  );
}
