import { useEffect, useState } from 'preact/hooks';
import { database } from '../../db/database';
import { useDebouncedSave } from '../common/use-debounced-save';

/** Private notes per person, kept on this computer only and saved as you type. */
export function Notes({ personId, name }: { personId: string; name: string }) {
  const [text, setText] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    let alive = true;
    void database().notes.get(personId).then((note) => alive && setText(note?.text ?? ''));
    return () => {
      alive = false;
    };
  }, [personId]);
  useDebouncedSave(text ?? '', (value) => {
    if (text === null) return;
    const db = database();
    const write = value.trim() === '' ? db.notes.delete(personId) : db.notes.put({ personId, text: value, updatedAt: Date.now() });
    void write.then(() => setSaved(true));
  });
  if (text === null) return null;
  const id = `notes-${personId}`;
  return (
    <section class="notes" aria-labelledby={`${id}-label`}>
      <h3 class="section-title" id={`${id}-label`}>Your notes</h3>
      <textarea
        id={id}
        data-testid="notes"
        rows={3}
        placeholder={`Private notes about ${name}, kept on this computer only`}
        value={text}
        onInput={(event) => {
          setSaved(false);
          setText((event.currentTarget as HTMLTextAreaElement).value);
        }}
      />
      <p class="meta" aria-live="polite">{saved ? 'Saved' : ''}</p>
    </section>
  );
}
