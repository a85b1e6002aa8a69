// Firefox ESR with the built extension and a few megabytes of storage for it. The temporary-storage
// limit is a pref, dom.quotaManager.temporaryStorage.fixedLimit (KB), read when storage starts; below
// 10 MB one origin group may use the whole of it (QuotaManager::GetGroupLimit: min(limit, max(limit / 5,
// 10 MB))), and an add-on without "unlimitedStorage" (ours) keeps its IndexedDB in that limited
// default storage. (Chromium: see quota.e2e.ts's header for why it is not here.)

import { resolve } from 'node:path';
import { launchFirefox, openExtensionPage } from '../harness/browsers';
import { DIST } from './extension';
import type { FaultBrowser } from './faults-setup';

export interface StorageEstimateFigures {
  usage: number;
  quota: number;
}

export interface SmallQuotaBrowser {
  ext: FaultBrowser;
  /** How the quota was made small, for the summary line. */
  how: string;
  /** navigator.storage.estimate() in an extension page: usage and quota of the extension's origin. */
  usageAndQuota(): Promise<StorageEstimateFigures>;
  close(): Promise<void>;
}

export async function launchFirefoxWithSmallQuota(serverPort: number, quotaBytes: number): Promise<SmallQuotaBrowser> {
  const quotaKb = Math.floor(quotaBytes / 1024);
  const launched = await launchFirefox({
    extensionDir: resolve(DIST, 'firefox'),
    serverPort,
    extraPrefs: { 'dom.quotaManager.temporaryStorage.fixedLimit': quotaKb },
  });
  const ext: FaultBrowser = { name: 'firefox', browser: launched.browser, origin: launched.extensionOrigin, close: launched.close };
  return { ext, how: `pref dom.quotaManager.temporaryStorage.fixedLimit ${quotaKb} KB`, usageAndQuota: () => estimateInPage(ext), close: launched.close };
}

async function estimateInPage(ext: FaultBrowser): Promise<StorageEstimateFigures> {
  const page = await openExtensionPage(ext.browser, ext.origin, 'popup.html');
  try {
    return await page.evaluate(async () => {
      const { usage = 0, quota = 0 } = await navigator.storage.estimate();
      return { usage, quota };
    });
  } finally {
    await page.close();
  }
}
