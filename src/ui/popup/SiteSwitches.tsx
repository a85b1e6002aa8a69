import type { Settings } from '../../shared/settings';

type Change = (edit: (current: Settings) => Settings) => void;

const SITES = [
  { id: 'gmail', label: 'Gmail', hosts: 'mail.google.com' },
  { id: 'outlook', label: 'Outlook on the web', hosts: 'outlook.live.com, outlook.office.com' },
] as const;

/** Where Earshot runs: turning a site off removes the sidebar from its open tabs at once. */
export function SiteSwitches({ settings, change, disabled }: { settings: Settings; change: Change; disabled: boolean }) {
  return (
    <ul class="sites" aria-label="Mail sites">
      {SITES.map((site) => (
        <li key={site.id} class="site">
          <input
            type="checkbox"
            id={`site-${site.id}`}
            checked={settings.sites[site.id]}
            disabled={disabled}
            aria-describedby={`site-${site.id}-hosts`}
            onChange={(event) => {
              const on = (event.currentTarget as HTMLInputElement).checked;
              change((current) => ({ ...current, sites: { ...current.sites, [site.id]: on } }));
            }}
          />
          <label for={`site-${site.id}`}>{site.label}</label>
          <span id={`site-${site.id}-hosts`} class="hosts">{site.hosts}</span>
        </li>
      ))}
    </ul>
  );
}
