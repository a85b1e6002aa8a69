import type { PersonRecord, SourceId, SourceLookup } from '../../shared/domain';
import { SOURCE_CATALOG } from '../../shared/sources-catalog';

const label = (id: SourceId) => SOURCE_CATALOG.find((source) => source.id === id)?.label ?? id;

function age(at: number, now: number): string {
  const minutes = Math.round((now - at) / 60_000);
  if (minutes < 1) return 'Up to date';
  if (minutes < 90) return `From cache, ${minutes} min old`;
  return `From cache, ${Math.round(minutes / 60)} h old`;
}

/** Says what is happening: resolving (per source), from cache, failed (which, why, retry), nothing found. */
export function LookupStatus({ person, hasIdentities, onRefresh, now }: {
  person: PersonRecord | undefined; hasIdentities: boolean; onRefresh: () => void; now: number;
}) {
  if (!person) return <p class="state" role="status" data-testid="lookup-state">Resolving…</p>;
  const entries = Object.entries(person.lookups) as [SourceId, SourceLookup][];
  const pending = entries.filter(([, lookup]) => lookup.state === 'queued' || lookup.state === 'running');
  const failed = entries.filter(([, lookup]) => lookup.state === 'error');
  const skipped = entries.filter(([, lookup]) => lookup.state === 'skipped' && lookup.detail);
  const settled = entries.filter(([, lookup]) => lookup.state === 'found' || lookup.state === 'none');
  // A lookup that succeeded with something to say (storage was full and the oldest posts made room).
  const notes = settled.filter(([, lookup]) => lookup.detail);
  const newest = Math.max(0, ...entries.map(([, lookup]) => lookup.at));
  return (
    <div class="lookup" data-testid="lookup-state">
      {pending.length > 0 && (
        <p class="state progress" role="status" aria-live="polite" data-testid="resolving">
          Looking up… {settled.length} of {entries.length} sources done; waiting for {pending.map(([id]) => label(id)).join(', ')}
        </p>
      )}
      {failed.map(([id, lookup]) => (
        <p key={id} class="state error" role="alert" data-testid="source-failed">
          {label(id)} failed: {lookup.detail ?? 'unknown error'}. <button type="button" onClick={onRefresh}>Retry</button>
        </p>
      ))}
      {skipped.map(([id, lookup]) => (
        <p key={id} class="state" data-testid="source-skipped">{label(id)} skipped: {lookup.detail}</p>
      ))}
      {notes.map(([id, lookup]) => (
        <p key={id} class="state" data-testid="source-note">{label(id)}: {lookup.detail}.</p>
      ))}
      {pending.length === 0 && failed.length === 0 && !hasIdentities && entries.length > 0 && (
        <p class="state" role="status" data-testid="nothing-found">
          Nothing public found. Tried {entries.map(([id]) => label(id)).join(', ')}.
        </p>
      )}
      {entries.length > 0 && (
        <p class="meta">
          {pending.length > 0 ? 'Updating' : age(newest, now)} · <button type="button" class="link" onClick={onRefresh} data-testid="refresh">Refresh</button>
        </p>
      )}
    </div>
  );
}
