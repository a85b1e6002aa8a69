import { useState } from 'preact/hooks';
import { send } from '../common/send';

/** "This is them": a handle the user knows, which wins over every rule. */
export function AddHandle({ personId }: { personId: string }) {
  const [open, setOpen] = useState(false);
  const [handle, setHandle] = useState('');
  const [message, setMessage] = useState('');
  if (!open) {
    return <button type="button" class="link" onClick={() => setOpen(true)} data-testid="add-handle-open">Add a handle</button>;
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    const answer = await send({ type: 'identity/add', personId, network: 'bluesky', handle });
    if (answer.ok) {
      setHandle('');
      setOpen(false);
      setMessage('');
    } else {
      setMessage(answer.reason ?? 'That handle could not be added.');
    }
  };
  return (
    <form class="add-handle" onSubmit={(event) => void submit(event)}>
      <label for={`add-${personId}`}>Bluesky handle</label>
      <input id={`add-${personId}`} value={handle} placeholder="name.bsky.social" autocomplete="off"
        onInput={(event) => setHandle((event.currentTarget as HTMLInputElement).value)} />
      <button type="submit">Add</button>
      <button type="button" class="link" onClick={() => setOpen(false)}>Cancel</button>
      {message && <p class="state error" role="alert">{message}</p>}
    </form>
  );
}
