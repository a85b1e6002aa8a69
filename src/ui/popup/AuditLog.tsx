import { database } from '../../db/database';
import { recentRequests } from '../../db/request-log';
import { IDENTIFIER_TEXT, sourceLabel } from '../../shared/sources-catalog';
import { useLiveQuery } from '../common/use-live-query';

export const AUDIT_ROWS = 50;

function when(at: number, now: number): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The last 50 requests that left the browser: time, source, host and the kind of identifier sent. */
export function AuditLog() {
  const rows = useLiveQuery(() => recentRequests(database(), AUDIT_ROWS), []);
  if (rows.status === 'loading') return <p class="state" role="status">Loading…</p>;
  if (rows.status === 'error') return <p class="state error" role="alert">Could not read the log: {rows.error.message}</p>;
  const note = (
    <p class="help" id="audit-note">
      Lookups only: pictures shown in the sidebar (profile photos, post images) are loaded by the sidebar
      straight from the servers that host them, and are not listed here.
    </p>
  );
  if (rows.value.length === 0) return <><p class="empty" data-testid="audit-empty">Nothing has been sent yet.</p>{note}</>;
  const now = Date.now();
  return (
    <>
    <div class="audit-scroll" id="audit-log" tabIndex={0} role="region" aria-labelledby="audit-caption" aria-describedby="audit-note">
      <table class="audit" data-testid="audit">
        <caption id="audit-caption">The last {rows.value.length === AUDIT_ROWS ? AUDIT_ROWS : rows.value.length} requests, newest first</caption>
        <thead>
          <tr><th scope="col">Time</th><th scope="col">Source</th><th scope="col">Host</th><th scope="col">Sent</th></tr>
        </thead>
        <tbody>
          {rows.value.map((row) => (
            <tr key={row.id ?? `${row.at}-${row.host}-${row.path}`} data-testid="audit-row">
              <td><time dateTime={new Date(row.at).toISOString()}>{when(row.at, now)}</time></td>
              <td>{sourceLabel(row.source)}</td>
              <td class="host">{row.host}</td>
              <td data-testid="audit-kind">{IDENTIFIER_TEXT[row.identifierKind]}{row.status === 0 ? ' (failed)' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    {note}
    </>
  );
}
