import browser from 'webextension-polyfill';
import type { SourceId } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import { updateSettings } from '../../shared/settings-store';
import { SourceChoices } from '../common/SourceChoices';
import { useSettings } from '../common/use-settings';

/** The privacy controls: the master switch and a switch per source, saved as they are flipped. */
export function Popup() {
  const { settings, loaded } = useSettings();
  if (!loaded) return <p class="state" role="status">Loading…</p>;
  const change = (edit: (current: Settings) => Settings) => void updateSettings(edit);
  return (
    <main class="popup" aria-label="Earshot settings">
      <h1 class="title">Earshot</h1>
      {!settings.onboarded && (
        <p class="banner">
          Earshot looks nothing up until you choose your sources.{' '}
          <a href={browser.runtime.getURL('onboarding.html')} target="_blank" rel="noopener">Choose now</a>
        </p>
      )}
      <div class="master">
        <input
          type="checkbox"
          id="master"
          role="switch"
          checked={settings.enabled}
          onChange={(event) => change((current) => ({ ...current, enabled: (event.currentTarget as HTMLInputElement).checked }))}
        />
        <label for="master">Earshot is {settings.enabled ? 'on' : 'off'}</label>
      </div>
      <h2 class="section-title">Sources</h2>
      <SourceChoices
        values={settings.sources}
        disabled={!settings.enabled}
        onChange={(id: SourceId, on: boolean) => change((current) => ({ ...current, sources: { ...current.sources, [id]: on } }))}
      />
    </main>
  );
}
