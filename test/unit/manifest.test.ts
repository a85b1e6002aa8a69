import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { manifestFor, type Target } from '../../scripts/manifest-for';
import { MAIL_ORIGINS } from '../../src/shared/dock-protocol';

/**
 * The reviewed allowlist: a new permission, host or manifest key must be added here on purpose, in the
 * same change that needs it, so nobody widens what Earshot may touch by accident. Checked on the
 * manifest each browser actually gets (scripts/manifest-for.ts), not only on the source.
 */
const PERMISSIONS: Record<Target, string[]> = {
  chrome: ['storage', 'alarms', 'sidePanel'],
  firefox: ['storage', 'alarms'],
};
const HOSTS = [
  'https://public.api.bsky.app/*',
  'https://api.gravatar.com/*',
  'https://api.github.com/*',
  'https://hn.algolia.com/*',
  'https://query.wikidata.org/*',
];
/** Fediverse instances and company sites, asked for one host at a time from a user gesture. */
const OPTIONAL_HOSTS = ['https://*/*'];
/** The mail hosts come from the one list the content script, the frame and the router share. */
const MAIL_MATCHES = MAIL_ORIGINS.map((origin) => `${origin}/*`);
const KEYS: Record<Target, string[]> = {
  chrome: [
    'action', 'background', 'commands', 'content_scripts', 'content_security_policy', 'description', 'host_permissions', 'icons',
    'manifest_version', 'name', 'optional_host_permissions', 'permissions', 'side_panel', 'version', 'web_accessible_resources',
  ],
  firefox: [
    'action', 'background', 'browser_specific_settings', 'commands', 'content_scripts', 'content_security_policy', 'description',
    'host_permissions', 'icons', 'manifest_version', 'name', 'optional_host_permissions', 'permissions', 'sidebar_action', 'version',
    'web_accessible_resources',
  ],
};

const ROOT = join(import.meta.dirname, '../..');
const source = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
const TARGETS: Target[] = ['chrome', 'firefox'];

interface ContentScript { matches: string[]; js?: string[]; all_frames?: boolean; match_about_blank?: boolean; world?: string }
interface WebAccessible { resources: string[]; matches?: string[]; extension_ids?: string[]; use_dynamic_url?: boolean }

/** A CSP as directive → sources. */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';').map((text) => text.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    directives.set(name!.toLowerCase(), sources);
  }
  return directives;
}

describe.each(TARGETS)('the %s manifest', (target) => {
  const manifest = manifestFor(source, target, '1.2.3') as unknown as Record<string, unknown> & {
    permissions: string[];
    optional_permissions?: string[];
    host_permissions: string[];
    optional_host_permissions?: string[];
    content_scripts: ContentScript[];
    web_accessible_resources: WebAccessible[];
    content_security_policy: Record<string, string>;
  };

  it('has only reviewed keys (no externally_connectable, no sandbox, no update_url, …)', () => {
    expect(Object.keys(manifest).sort()).toEqual(KEYS[target]);
    expect(manifest.manifest_version).toBe(3);
    // Without externally_connectable no web page and no other extension can message Earshot.
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('asks for no permission or host beyond the reviewed allowlist', () => {
    expect(manifest.permissions).toEqual(PERMISSIONS[target]);
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.host_permissions).toEqual(HOSTS);
    expect(manifest.optional_host_permissions ?? []).toEqual(OPTIONAL_HOSTS);
  });

  it('runs its content script on the mail hosts only, top frame, isolated world', () => {
    expect(manifest.content_scripts).toHaveLength(1);
    const [script] = manifest.content_scripts;
    expect(script?.matches).toEqual(MAIL_MATCHES);
    expect(script?.js).toEqual(['content.js']);
    expect(script?.all_frames ?? false).toBe(false);
    expect(script?.match_about_blank ?? false).toBe(false);
    expect(script?.world ?? 'ISOLATED').toBe('ISOLATED');
  });

  it('exposes only the sidebar frame, and only to the mail hosts', () => {
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['sidebar.html'], matches: MAIL_MATCHES }]);
    for (const match of manifest.web_accessible_resources.flatMap((entry) => entry.matches ?? [])) {
      expect(MAIL_ORIGINS).toContain(new URL(match.replace(/\*$/, '')).origin);
    }
  });

  it('has a strict CSP on extension pages: own scripts only, no inline, no eval, no remote code, no plugins', () => {
    expect(Object.keys(manifest.content_security_policy)).toEqual(['extension_pages']);
    const policy = manifest.content_security_policy.extension_pages ?? '';
    const csp = parseCsp(policy);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(["'none'", "'self'"]).toContain(csp.get('object-src')?.join(' '));
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|data:|blob:|https?:|\*/i);
    // No other directive may bring scripts back in by another name.
    for (const directive of ['default-src', 'script-src-elem', 'script-src-attr', 'worker-src']) {
      for (const sourceExpression of csp.get(directive) ?? []) expect(sourceExpression).toBe("'self'");
    }
  });
});

describe('extension pages', () => {
  const pages = readdirSync(join(ROOT, 'src/ui'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .map((file) => join(ROOT, 'src/ui', file));

  it('are all found (popup, sidebar, onboarding, brief at least)', () => {
    expect(pages.map((page) => relative(join(ROOT, 'src/ui'), page)).sort()).toEqual(
      expect.arrayContaining(['brief/brief.html', 'onboarding/onboarding.html', 'popup/popup.html', 'sidebar/sidebar.html']),
    );
  });

  it.each(pages.map((page) => [relative(ROOT, page), page]))('%s has no inline script, no inline handler, nothing remote', (_name, page) => {
    const window = new Window();
    const document = new window.DOMParser().parseFromString(readFileSync(page, 'utf8'), 'text/html');
    const scripts = Array.from(document.querySelectorAll('script'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script.textContent?.trim(), 'inline script').toBe('');
      expect(script.getAttribute('src'), 'script without src').toMatch(/^[\w./-]+\.js$/);
    }
    const remote = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
    for (const element of Array.from(document.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        expect(attribute.name, `inline handler on <${element.localName}>`).not.toMatch(/^on/i);
        if (['src', 'href', 'action', 'formaction', 'data', 'srcset', 'poster'].includes(attribute.name)) {
          expect(attribute.value, `<${element.localName} ${attribute.name}>`).not.toMatch(remote);
        }
      }
    }
    expect(document.querySelectorAll('iframe, object, embed, base, meta[http-equiv]')).toHaveLength(0);
    void window.happyDOM.close();
  });
});

describe('manifest-for', () => {
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
    expect((firefox.browser_specific_settings as { gecko: { id: string } }).gecko.id).toBe('earshot@earshot.invalid');
    expect(firefox.sidebar_action).toMatchObject({ default_panel: 'sidebar.html' });
  });
});
