import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { database } from '../../db/database';
import { storedCounts, type StoredCounts } from '../../db/counts';
import { RETENTION_CHOICES, type Settings } from '../../shared/settings';
import { send } from '../common/send';
import { useLiveQuery } from '../common/use-live-query';
import { downloadExport, importFile } from './export-file';

type Change = (edit: (current: Settings) => Settings) => void;

const COUNT_LABELS: [keyof StoredCounts, string][] = [
  ['people', 'People'],
  ['identities', 'Accounts found'],
  ['posts', 'Posts'],
  ['notes', 'Your notes'],
  ['threads', 'Conversations'],
  ['requestLog', 'Requests logged'],
  ['jobs', 'Lookups waiting'],
];

const retentionLabel = (days: number) => (days === 0 ? 'Forever' : `${days} days`);

export function Retention({ settings, change }: { settings: Settings; change: Change }) {
  const choices: readonly number[] = RETENTION_CHOICES;
  const custom = choices.includes(settings.retentionDays) ? [] : [settings.retentionDays];
  return (
    <fieldset class="retention" aria-describedby="retention-help">
      <legend>Keep what was looked up for</legend>
      <div class="choices">
        {[...choices, ...custom].map((days) => (
          <span key={days} class="choice">
            <input
              type="radio"
              name="retention"
              id={`retention-${days}`}
              value={days}
              checked={settings.retentionDays === days}
              onChange={() => change((current) => ({ ...current, retentionDays: days }))}
            />
            <label for={`retention-${days}`}>{retentionLabel(days)}</label>
          </span>
        ))}
      </div>
      <p id="retention-help" class="help">
        People, accounts, posts, conversations and the request log older than this are deleted every day.
        Your notes, and the accounts you confirmed, rejected or added, stay until you delete them.
      </p>
    </fieldset>
  );
}

export function Counts() {
  const counts = useLiveQuery(() => storedCounts(database()), []);
  if (counts.status === 'loading') return <p class="state" role="status">Counting…</p>;
  if (counts.status === 'error') return <p class="state error" role="alert">Could not count: {counts.error.message}</p>;
  return (
    <dl class="counts" aria-label="Stored on this computer" data-testid="counts">
      {COUNT_LABELS.map(([key, label]) => (
        <div key={key} class="count">
          <dt>{label}</dt>
          <dd data-testid={`count-${key}`}>{counts.value[key].toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}

/** True when this page is a tab (not the toolbar popup, which closes when a file picker opens). */
function useInTab(): boolean | null {
  const [inTab, setInTab] = useState<boolean | null>(null);
  useEffect(() => {
    void browser.tabs.getCurrent().then((tab) => setInTab(tab !== undefined), () => setInTab(false));
  }, []);
  return inTab;
}

export function ExportImport({ announce }: { announce: (text: string) => void }) {
  const inTab = useInTab();
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const exportNow = async () => {
    setBusy(true);
    try {
      const { fileName, rows } = await downloadExport();
      announce(`Exported ${rows.toLocaleString()} records and your settings to ${fileName}.`);
    } catch (error) {
      announce(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const importChosen = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    try {
      const outcome = await importFile(await file.text());
      if (!outcome.ok) announce(`Nothing imported: ${outcome.reason}`);
      else {
        const rows = Object.values(outcome.counts).reduce((sum, n) => sum + n, 0);
        const skipped = outcome.skipped > 0 ? ` ${outcome.skipped} records were not valid and were skipped.` : '';
        announce(`Imported ${rows.toLocaleString()} records and the file's settings.${skipped}`);
      }
    } catch (error) {
      announce(`Import failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      input.value = '';
      setBusy(false);
    }
  };

  return (
    <div class="export-import">
      <button type="button" id="export" disabled={busy} aria-describedby="export-help" onClick={() => void exportNow()}>
        Export my data
      </button>
      <p id="export-help" class="help">
        One JSON file with your settings and everything stored (format: “earshot-export”, version 1).
      </p>
      {inTab === false && (
        <button type="button" id="import-open" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('popup.html#data') })}>
          Import from a file…
        </button>
      )}
      {inTab && (
        <div class="import">
          <label for="import-file">Import from an export file</label>
          <input
            ref={fileInput}
            type="file"
            id="import-file"
            accept="application/json,.json"
            disabled={busy}
            aria-describedby="import-help"
            onChange={(event) => void importChosen(event.currentTarget as HTMLInputElement)}
          />
          <p id="import-help" class="help">Records are merged with what is stored; the file's settings replace yours.</p>
        </div>
      )}
    </div>
  );
}

/** "Erase everything", behind a confirmation that starts on Cancel and closes with Escape. */
export function Erase({ announce }: { announce: (text: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const eraseButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
    else if (wasConfirming.current) eraseButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const erase = async () => {
    setBusy(true);
    announce('Erasing…');
    try {
      const answer = await send({ type: 'data/erase' });
      announce(answer.ok
        ? 'Everything is erased. Earshot looks nothing up until you choose your sources again.'
        : `Erase failed: ${answer.reason ?? 'unknown reason'}`);
    } catch (error) {
      announce(`Erase failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <div class="erase">
      <button type="button" id="erase" class="danger" ref={eraseButton} disabled={busy} aria-expanded={confirming} aria-controls="erase-confirm" onClick={() => setConfirming(true)}>
        Erase everything…
      </button>
      {confirming && (
        <div
          id="erase-confirm"
          class="confirm"
          role="alertdialog"
          aria-labelledby="erase-confirm-title"
          aria-describedby="erase-confirm-text"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              setConfirming(false);
            }
          }}
        >
          <p id="erase-confirm-title" class="confirm-title">Erase everything?</p>
          <p id="erase-confirm-text">
            This deletes every person, account, post, note, conversation and request log entry, and all your
            settings, from this browser. It cannot be undone: export first if you want a copy.
          </p>
          <div class="confirm-buttons">
            <button type="button" ref={cancelButton} id="erase-cancel" disabled={busy} onClick={() => setConfirming(false)}>Cancel</button>
            <button type="button" id="erase-confirm-button" class="danger" disabled={busy} onClick={() => void erase()}>
              Erase everything now
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
