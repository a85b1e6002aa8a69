import { useState } from 'preact/hooks';
import type { Settings } from '../../shared/settings';
import type { Participant, ThreadContext } from '../../shared/thread';
import { personIdFor } from '../../db/people';
import { participantStatus, type ParticipantStatus } from './participant-status';
import { PersonView } from './PersonView';
import { Mentions } from './Mentions';

const ROLE_ORDER = ['from', 'to', 'cc', 'bcc'] as const;

function rank(participant: Participant): number {
  const first = ROLE_ORDER.findIndex((role) => participant.roles.includes(role));
  return first === -1 ? ROLE_ORDER.length : first;
}

/** Everyone in the conversation, senders first; the selected one expanded below. */
export function ThreadPanel({ thread, settings }: { thread: ThreadContext; settings: Settings }) {
  const [showHidden, setShowHidden] = useState(false);
  const all = thread.participants
    .map((participant) => ({ participant, id: personIdFor(participant), status: participantStatus(participant, thread.self, settings) }))
    .sort((a, b) => rank(a.participant) - rank(b.participant));
  // The user and colleagues are hidden by default: nobody needs a briefing on themselves.
  const others = all.filter((entry) => entry.status.kind !== 'self' && entry.status.kind !== 'colleague');
  const hidden = all.length - others.length;
  const entries = showHidden ? all : others;
  const firstLookup = entries.find((entry) => entry.status.kind === 'lookup') ?? entries[0];
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = entries.find((entry) => entry.id === selectedId) ?? firstLookup;

  return (
    <section aria-label="Conversation">
      <h1 class="subject" title={thread.subject}>{thread.subject || '(no subject)'}</h1>
      <ul class="participants" aria-label="People in this conversation" data-testid="participants">
        {entries.map(({ participant, id, status }) => {
          const isSelected = selected?.id === id;
          return (
            <li key={id}>
              <button
                type="button"
                aria-pressed={isSelected}
                class={isSelected ? 'participant selected' : 'participant'}
                onClick={() => setSelectedId(id)}
              >
                <bdi class="name">{participant.name || participant.email}</bdi>
                <span class="role">{participant.roles.join(', ')}</span>
                {status.kind !== 'lookup' && <span class="tag">{status.label}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      {entries.length === 0 && <p class="state" role="status">Only you and your colleagues are in this conversation.</p>}
      {hidden > 0 && (
        <button type="button" class="link" aria-expanded={showHidden} onClick={() => setShowHidden(!showHidden)} data-testid="show-hidden">
          {showHidden ? 'Hide you and colleagues' : `Show ${hidden} hidden (you and colleagues)`}
        </button>
      )}
      {selected && <SelectedPerson {...selected} settings={settings} />}
      <Mentions thread={thread} settings={settings} />
    </section>
  );
}

function SelectedPerson({ participant, id, status, settings }: { participant: Participant; id: string; status: ParticipantStatus; settings: Settings }) {
  if (status.kind !== 'lookup') {
    return <p class="state" role="status" data-testid="person-state">{participant.name || participant.email}: {status.explanation}</p>;
  }
  return <PersonView personId={id} participant={participant} settings={settings} />;
}
