// Another extension, installed beside Earshot: the "probe". It asks for nothing and does nothing of its
// own; the messages test opens its page and, from there, tries to talk to Earshot as any installed
// extension could. Written to a temp dir at test time, one manifest per browser.

import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium, launchFirefox, type BrowserName } from '../harness/browsers';
import { DIST, type RunningExtension } from './extension';

const PROBE_GECKO_ID = 'earshot-probe@earshot.invalid';
const EARSHOT_GECKO_ID = 'earshot@earshot.invalid';

export interface WithProbe {
  ext: RunningExtension;
  /** What another extension passes to runtime.sendMessage to reach Earshot. */
  earshotId: string;
  /** chrome-extension://… or moz-extension://… of the probe; its page is `probe.html`. */
  probeOrigin: string;
}

async function writeProbe(dir: string, name: BrowserName): Promise<void> {
  const manifest = {
    manifest_version: 3,
    name: 'Earshot messages probe',
    version: '1.0',
    description: 'Another extension, for the Earshot messages test.',
    ...(name === 'firefox' ? { browser_specific_settings: { gecko: { id: PROBE_GECKO_ID } } } : {}),
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, 'probe.html'), '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>probe</title></head><body>probe</body></html>\n');
}

/** Earshot (the built dist/) and the probe in one fresh browser profile. */
export async function launchWithProbe(name: BrowserName, serverPort: number): Promise<WithProbe> {
  const probeDir = await mkdtemp(join(tmpdir(), 'earshot-probe-'));
  await writeProbe(probeDir, name);
  if (name === 'chromium') {
    const launched = await launchChromium({ extensionDir: resolve(DIST, 'chrome'), serverPort });
    const probeId = await launched.browser.installExtension(probeDir);
    return {
      ext: {
        name, browser: launched.browser, origin: launched.extensionOrigin,
        close: async () => {
          await launched.close();
          await rm(probeDir, { recursive: true, force: true });
        },
      },
      earshotId: launched.extensionId,
      probeOrigin: `chrome-extension://${probeId}`,
    };
  }
  // Firefox picks each add-on's moz-extension:// UUID from this pref when it has an entry, so both
  // origins are known before install (see launchFirefox).
  const earshotUuid = randomUUID();
  const probeUuid = randomUUID();
  const userDataDir = await mkdtemp(join(tmpdir(), 'earshot-firefox-probe-'));
  const launched = await launchFirefox({
    extensionDir: resolve(DIST, 'firefox'),
    serverPort,
    profile: { userDataDir, uuid: earshotUuid },
    extraPrefs: { 'extensions.webextensions.uuids': JSON.stringify({ [EARSHOT_GECKO_ID]: earshotUuid, [PROBE_GECKO_ID]: probeUuid }) },
  });
  const installed = await launched.browser.installExtension(probeDir);
  if (installed !== PROBE_GECKO_ID) throw new Error(`Firefox installed the probe as ${installed}`);
  return {
    ext: {
      name, browser: launched.browser, origin: launched.extensionOrigin,
      close: async () => {
        await launched.close();
        await rm(probeDir, { recursive: true, force: true });
        await rm(userDataDir, { recursive: true, force: true });
      },
    },
    earshotId: launched.extensionId,
    probeOrigin: `moz-extension://${probeUuid}`,
  };
}
