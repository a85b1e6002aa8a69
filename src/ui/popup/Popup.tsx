import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { SourceId } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import { updateSettings } from '../../shared/settings-store';
import { SourceChoices } from '../common/SourceChoices';
import { useSettings } from '../common/use-settings';
import { AuditLog } from './AuditLog';
import { HostPermissions } from './HostPermissions';
import { PauseControl } from './PauseControl';
import { SiteSwitches } from './SiteSwitches';
import { Brands, WhoIsLookedUp } from './WhoIsLookedUp';
import { Counts, Erase, ExportImport, Retention } from './YourData';

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="section" id={id} aria-labelledby={`${id}-title`}>
      <h2 class="section-title" id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * Everything the user decides about Earshot, saved as it is changed: storage.sync carries each change to
 * the background and to every open mail tab at once.
 */
export function Popup() {
  const { settings, loaded } = useSettings();
  const [status, setStatus] = useState('');

  useEffect(() => {
    // Opened in a tab to import a file: start at the data section.
    if (loaded && location.hash === '#data') document.getElementById('data')?.scrollIntoView();
  }, [loaded]);

  if (!loaded) return <p class="state" role="status">Loading…</p>;
  const change = (edit: (current: Settings) => Settings) => void updateSettings(edit);
  return (
    <main class="popup" aria-labelledby="popup-title">
      <h1 class="title" id="popup-title">Earshot</h1>
      {!settings.onboarded && (
        <p class="banner" data-testid="not-onboarded">
          Earshot looks nothing up until you choose your sources.{' '}
          <a href={browser.runtime.getURL('onboarding.html')} target="_blank" rel="noopener">Choose now</a>
        </p>
      )}
      <p class="status" role="status" aria-live="polite" data-testid="status">{status}</p>

      <div class="master">
        <input
          type="checkbox"
          id="master"
          role="switch"
          checked={settings.enabled}
          onChange={(event) => {
            const enabled = (event.currentTarget as HTMLInputElement).checked;
            change((current) => ({ ...current, enabled }));
          }}
        />
        <label for="master">Earshot is {settings.enabled ? 'on' : 'off'}</label>
      </div>
      <PauseControl settings={settings} change={change} />

      <Section id="sites" title="Mail sites">
        <SiteSwitches settings={settings} change={change} disabled={!settings.enabled} />
      </Section>

      <Section id="sources" title="Sources">
        <SourceChoices
          values={settings.sources}
          githubEmailSearch={settings.githubEmailSearch}
          disabled={!settings.enabled}
          onChange={(id: SourceId, on: boolean) => change((current) => ({ ...current, sources: { ...current.sources, [id]: on } }))}
          onGithubEmailSearchChange={(on) => change((current) => ({ ...current, githubEmailSearch: on }))}
        />
      </Section>

      <Section id="who" title="Who is looked up">
        <WhoIsLookedUp settings={settings} change={change} />
      </Section>

      <Section id="brands-section" title="My company and brands">
        <Brands settings={settings} change={change} />
      </Section>

      <Section id="permissions" title="Fediverse and company sites">
        <HostPermissions announce={setStatus} />
      </Section>

      <Section id="data" title="Your data">
        <Retention settings={settings} change={change} />
        <Counts />
        <ExportImport announce={setStatus} />
        <Erase announce={setStatus} />
      </Section>

      <Section id="audit" title="Requests sent">
        <AuditLog />
      </Section>
    </main>
  );
}
