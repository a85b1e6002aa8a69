import { useState } from 'preact/hooks';
import type { SourceId } from '../../shared/domain';
import { updateSettings } from '../../shared/settings-store';
import { SourceChoices } from '../common/SourceChoices';
import { useSettings } from '../common/use-settings';

/** First run: nothing is looked up until the user has chosen here. */
export function Onboarding() {
  const { settings, loaded } = useSettings();
  const [choices, setChoices] = useState<Record<SourceId, boolean> | null>(null);
  const [emailSearch, setEmailSearch] = useState<boolean | null>(null);
  const [done, setDone] = useState(false);
  if (!loaded) return <p class="state" role="status">Loading…</p>;
  const values = choices ?? settings.sources;
  const githubEmailSearch = emailSearch ?? settings.githubEmailSearch;
  const start = async () => {
    await updateSettings((current) => ({ ...current, sources: values, githubEmailSearch: githubEmailSearch && values.github, onboarded: true }));
    setDone(true);
  };
  return (
    <main class="onboarding" aria-labelledby="welcome">
      <h1 id="welcome">Welcome to Earshot</h1>
      <p class="intro">
        Earshot shows, beside the email you are reading, who its people are on public networks and what they
        have said in public lately. To find out, your browser asks the public services you choose below
        directly, and keeps the answers on this computer only: there is no Earshot server, no account and no
        analytics. Nothing is looked up until you choose, and you can change every choice later from the
        Earshot button in the toolbar.
      </p>
      <h2 class="section-title" id="sources-title">What may be looked up</h2>
      <p class="help" id="sources-help">
        Each source says what it sends about the people in your conversations, and to which host. Your own
        address is never looked up; from the toolbar button you can also exclude your colleagues' domain and
        anyone else.
      </p>
      <SourceChoices
        values={values}
        githubEmailSearch={githubEmailSearch}
        onChange={(id, on) => setChoices({ ...values, [id]: on })}
        onGithubEmailSearchChange={setEmailSearch}
      />
      <button type="button" class="primary" onClick={() => void start()} data-testid="start" aria-describedby="sources-help">
        Start with these sources
      </button>
      {done && <p role="status" data-testid="onboarded">Done. Open a conversation in Gmail or Outlook.</p>}
    </main>
  );
}
