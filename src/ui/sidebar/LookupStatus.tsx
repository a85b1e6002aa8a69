import type { PersonRecord, SourceId } from '../../shared/domain';
import { SOURCE_CATALOG } from '../../shared/sources-catalog';

/** Says what is happening: resolving (per source), from cache, failed (which and why), nothing found. */
export function LookupStatus({ person, hasIdentities, onRefresh }: { person: PersonRecord | undefined; hasIdentities: boolean; onRefresh: () => void }) {
  if (!person) {
    return <p class="state" role="status" data-testid="lookup-state">Resolving…</p>;
  }
  const entries = Object.entries(person.lookups) as [SourceId, NonNullable<PersonRecord['lookups'][SourceId]>][];
  const label = (id: SourceId) => SOURCE_CATALOG.find((source) => source.id === id)?.label ?? id;
  const pending = entries.filter(([, lookup]) => lookup.state === 'queued' || lookup.state === 'running');
  const failed = entries.filter(([, lookup]) => lookup.state === 'error');
  const tried = entries.map(([id]) => label(id));
  const newest = Math.max(0, ...entries.map(([, lookup]) => lookup.at));
  const minutes = Math.round((Date.now() - newest) / 60_000);
  return (
    <div class="lookup" data-testid="lookup-state">
      {pending.length > 0 && (
        <p class="state" role="status" aria-live="polite">Resolving… {pending.map(([id]) => label(id)).join(', ')}</p>
      )}
      {failed.map(([id, lookup]) => (
        <p key={id} class="state error" role="alert">
          {label(id)} failed: {lookup.detail ?? 'unknown error'}.{' '}
          <button type="button" onClick={onRefresh}>Retry</button>
        </p>
      ))}
      {pending.length === 0 && failed.length === 0 && !hasIdentities && entries.length > 0 && (
        <p class="state" role="status">Nothing public found (tried {tried.join(', ')}).</p>
      )}
      {pending.length === 0 && entries.length > 0 && (
        <p class="meta">
          {minutes < 1 ? 'Up to date' : `From cache, ${minutes} min old`} ·{' '}
          <button type="button" class="link" onClick={onRefresh}>Refresh</button>
        </p>
      )}
    </div>
  );
}
