import { useRef, useState } from 'preact/hooks';
import { MAX_LIST_ENTRIES, normaliseListEntry, type ListEntryKind } from '../../shared/settings';

const INVALID: Record<ListEntryKind, string> = {
  domain: 'That is not a domain (e.g. acme.com).',
  address: 'That is not an email address (e.g. jane@acme.com).',
  'address-or-domain': 'That is neither an email address (jane@acme.com) nor a domain (acme.com).',
  name: 'Type a name of up to 100 characters.',
};

/**
 * A list setting the user edits by hand: type an entry and press Enter (or Add); each entry has its
 * own Remove button. Entries are checked and normalised before they are saved.
 */
export function ListEditor({ id, label, help, kind, entries, onChange, placeholder, emptyText }: {
  id: string;
  label: string;
  help: string;
  kind: ListEntryKind;
  entries: readonly string[];
  onChange: (entries: string[]) => void;
  placeholder?: string;
  emptyText: string;
}) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

  const add = (event: Event) => {
    event.preventDefault();
    const value = normaliseListEntry(kind, draft);
    if (!value) return setError(INVALID[kind]);
    if (entries.some((entry) => same(entry, value))) return setError(`${value} is already in the list.`);
    if (entries.length >= MAX_LIST_ENTRIES) return setError(`The list holds at most ${MAX_LIST_ENTRIES} entries.`);
    onChange([...entries, value]);
    setDraft('');
    setError(null);
  };

  const remove = (entry: string) => {
    onChange(entries.filter((other) => other !== entry));
    // The button that had focus is gone: keep the keyboard user in the list's own field.
    input.current?.focus();
  };

  const describedBy = [`${id}-help`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="list-editor" data-testid={id}>
      <form class="list-add" onSubmit={add} noValidate>
        <label for={`${id}-input`} class="list-label">{label}</label>
        <p id={`${id}-help`} class="help">{help}</p>
        <div class="list-row">
          <input
            ref={input}
            id={`${id}-input`}
            type="text"
            value={draft}
            placeholder={placeholder}
            autocomplete="off"
            spellcheck={false}
            aria-describedby={describedBy}
            aria-invalid={error ? 'true' : undefined}
            onInput={(event) => {
              setDraft((event.currentTarget as HTMLInputElement).value);
              setError(null);
            }}
          />
          <button type="submit" id={`${id}-add`} aria-label={`Add to ${label}`}>Add</button>
        </div>
        {error && <p id={`${id}-error`} class="field-error" role="alert">{error}</p>}
      </form>
      {entries.length === 0
        ? <p class="empty" id={`${id}-empty`}>{emptyText}</p>
        : (
          <ul class="entries" aria-label={label}>
            {entries.map((entry) => (
              <li key={entry} class="entry">
                <span class="entry-text">{entry}</span>
                <button type="button" class="remove" aria-label={`Remove ${entry} from ${label}`} onClick={() => remove(entry)}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
    </div>
  );
}
