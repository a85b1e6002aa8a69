import { useState } from 'preact/hooks';
import { database } from '../../db/database';
import { personIdFor } from '../../db/people';
import type { PersonRecord } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import type { Participant, ThreadContext } from '../../shared/thread';
import { send } from '../common/send';
import { useSharedLiveQuery } from '../common/shared-live-query';
import { PersonView } from './PersonView';
import { useMentions } from './use-mentions';

type Kind = 'person' | 'organisation';

interface Mention {
  name: string;
  kind: Kind;
  personId: string;
}

/** A name-only person as the person card expects one: nothing but the name. */
function nameOnly(name: string): Participant {
  return { name, email: null, roles: [], messageCount: 0, isPerson: true };
}

/**
 * People and organisations named in the bodies of the open conversation. Nothing is looked up until
 * the user asks, one name at a time: no address ties a name to a person, so what is found stays a
 * possible match until confirmed.
 */
export function Mentions({ thread, settings }: { thread: ThreadContext; settings: Settings }) {
  const stored = useMentions(thread.client, thread.threadId);
  const mentions: Mention[] = [
    ...(stored?.people ?? []).map((name) => ({ name, kind: 'person' as const, personId: personIdFor({ email: null, name }) })),
    ...(stored?.organisations ?? []).map((name) => ({ name, kind: 'organisation' as const, personId: personIdFor({ email: null, name }) })),
  ];
  const ids = mentions.map((mention) => mention.personId);
  const lookedUp = useSharedLiveQuery(`mentioned ${ids.join('\n')}`, () => database().people.bulkGet(ids));
  const chosen = new Set(
    lookedUp.status === 'ready'
      ? lookedUp.value.filter((person): person is PersonRecord => person?.lookupChosenAt !== undefined).map((person) => person.id)
      : [],
  );
  const [open, setOpen] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ name: string; reason: string } | null>(null);
  if (mentions.length === 0) return null;

  const lookUp = async (mention: Mention) => {
    setProblem(null);
    setOpen(mention.personId);
    try {
      const answer = await send({ type: 'mention/lookup', threadKey: `${thread.client}:${thread.threadId}`, name: mention.name });
      if (!answer?.ok) setProblem({ name: mention.name, reason: answer?.reason ?? 'The lookup could not start.' });
    } catch {
      setProblem({ name: mention.name, reason: 'Earshot could not be reached. Reload the page to try again.' });
    }
  };
  const shown = mentions.find((mention) => mention.personId === open && chosen.has(mention.personId));

  return (
    <section class="mentions" aria-labelledby="mentions-title" data-testid="mentions">
      <h2 class="section-title" id="mentions-title">Mentioned in this conversation</h2>
      <ul class="mention-list">
        {mentions.map((mention) => {
          const isChosen = chosen.has(mention.personId);
          const isOpen = open === mention.personId && isChosen;
          return (
            <li key={`${mention.kind}:${mention.name}`} class="mention-row" data-testid="mention" data-kind={mention.kind}>
              <span class="mention-name" data-testid="mention-name">{mention.name}</span>
              <span class="mention-kind">{mention.kind}</span>
              {isChosen
                ? (
                  <button type="button" class="link" aria-expanded={isOpen} data-testid="mention-show"
                    onClick={() => setOpen(isOpen ? null : mention.personId)}>
                    {isOpen ? 'Hide matches' : 'Show matches'}
                    <span class="visually-hidden"> for {mention.name}</span>
                  </button>
                )
                : (
                  <button type="button" class="link" data-testid="mention-lookup" aria-label={`Look up ${mention.name}`}
                    onClick={() => void lookUp(mention)}>
                    Look up
                  </button>
                )}
            </li>
          );
        })}
      </ul>
      {problem && <p class="state error" role="alert" data-testid="mention-problem">{problem.name}: {problem.reason}</p>}
      <p class="meta">Nothing is looked up until you ask; what a name finds stays a possible match.</p>
      {shown && (
        <div class="mention-result" data-testid="mention-result">
          <PersonView personId={shown.personId} participant={nameOnly(shown.name)} settings={settings} />
        </div>
      )}
    </section>
  );
}
