import { useState } from 'preact/hooks';
import type { SourceId } from '../../shared/domain';
import { updateSettings } from '../../shared/settings-store';
import { SourceChoices } from '../common/SourceChoices';
import { useSettings } from '../common/use-settings';

/** First run: nothing is looked up until the user has chosen here. */
export function Onboarding() {
  const { settings, loaded } = useSettings();
  const [choices, setChoices] = useState<Record<SourceId, boolean> | null>(null);
  const [done, setDone] = useState(false);
  if (!loaded) return <p class="state" role="status">Loading…</p>;
  const values = choices ?? settings.sources;
  const start = async () => {
    await updateSettings((current) => ({ ...current, sources: values, onboarded: true }));
    setDone(true);
  };
  return (
    <main class="onboarding" aria-labelledby="welcome">
      <h1 id="welcome">Welcome to Earshot</h1>
      <p class="intro">
        Earshot shows, beside the email you are reading, what its people say in public. Your browser asks
        public services directly and keeps the answers on this computer only; there is no Earshot server.
        Choose below what may be looked up; you can change it any time from the toolbar button.
      </p>
      <SourceChoices values={values} onChange={(id, on) => setChoices({ ...values, [id]: on })} />
      <button type="button" class="primary" onClick={() => void start()} data-testid="start">
        Start with these sources
      </button>
      {done && <p role="status" data-testid="onboarded">Done. Open a conversation in Gmail or Outlook.</p>}
    </main>
  );
}
