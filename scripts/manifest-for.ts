/**
 * The one manifest.json holds every key either browser needs; each build keeps only its own, because
 * Chrome warns on Firefox keys and Firefox rejects a service worker.
 */
export type Target = 'chrome' | 'firefox';

type Manifest = Record<string, unknown> & {
  background: { service_worker?: string; scripts?: string[] };
  permissions: string[];
};

export function manifestFor(source: Manifest, target: Target, version: string): Manifest {
  const manifest: Manifest = structuredClone({ ...source, version });
  if (target === 'chrome') {
    manifest.background = { service_worker: source.background.service_worker ?? 'background.js' };
    delete manifest.browser_specific_settings;
    delete manifest.sidebar_action;
  } else {
    manifest.background = { scripts: source.background.scripts ?? ['background.js'] };
    delete manifest.side_panel;
    manifest.permissions = source.permissions.filter((permission) => permission !== 'sidePanel');
  }
  return manifest;
}
