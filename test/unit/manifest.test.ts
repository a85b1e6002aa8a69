import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestFor } from '../../scripts/manifest-for';

/**
 * The reviewed allowlist: a new permission or host must be added here on purpose, in the same change
 * that needs it, so nobody widens what Earshot may touch by accident.
 */
const PERMISSIONS = ['storage', 'alarms', 'sidePanel'];
const HOSTS = [
  'https://public.api.bsky.app/*',
  'https://api.gravatar.com/*',
  'https://api.github.com/*',
  'https://hn.algolia.com/*',
  'https://query.wikidata.org/*',
];
const OPTIONAL_HOSTS = ['https://*/*'];
const MAIL_MATCHES = [
  'https://mail.google.com/*',
  'https://outlook.live.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.cloud.microsoft/*',
];

const source = JSON.parse(readFileSync(join(import.meta.dirname, '../../manifest.json'), 'utf8'));

describe('manifest', () => {
  it('asks for no permission or host beyond the reviewed allowlist', () => {
    expect(source.permissions).toEqual(PERMISSIONS);
    expect(source.host_permissions).toEqual(HOSTS);
    expect(source.optional_host_permissions ?? []).toEqual(OPTIONAL_HOSTS);
    expect(source.optional_permissions ?? []).toEqual([]);
    expect(source.content_scripts.flatMap((script: { matches: string[] }) => script.matches)).toEqual(MAIL_MATCHES);
  });

  it('exposes only the sidebar frame, and only to the mail hosts', () => {
    expect(source.web_accessible_resources).toHaveLength(1);
    expect(source.web_accessible_resources[0].matches).toEqual(MAIL_MATCHES);
    expect(source.web_accessible_resources[0].resources).toEqual(["sidebar.html"]);
  });

  it('has a strict CSP on extension pages: own scripts only, no inline, no eval, no remote code', () => {
    const csp: string = source.content_security_policy.extension_pages;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('keeps each browser\'s own keys in its build', () => {
    const chrome = manifestFor(source, 'chrome', '1.2.3');
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(chrome.side_panel).toEqual({ default_path: 'sidebar.html' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(chrome.sidebar_action).toBeUndefined();
    expect(chrome.version).toBe('1.2.3');
    const firefox = manifestFor(source, 'firefox', '1.2.3');
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.side_panel).toBeUndefined();
    expect(firefox.permissions).toEqual(['storage', 'alarms']);
    expect((firefox.browser_specific_settings as { gecko: { id: string } }).gecko.id).toBe('earshot@earshot.invalid');
    expect(firefox.sidebar_action).toMatchObject({ default_panel: 'sidebar.html' });
  });
});
