import browser from 'webextension-polyfill';
import type { BackgroundContext } from './context';

interface SidePanelApi {
  setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
}

/** Install-time and start-time chores that are not a message. */
export function registerLifecycle(context: BackgroundContext): void {
  browser.runtime.onInstalled.addListener(async (details) => {
    if (details.reason === 'install') {
      const settings = await context.loadSettings();
      if (!settings.onboarded) await browser.tabs.create({ url: browser.runtime.getURL('onboarding.html') });
    }
  });
  // The keyboard shortcut shows or hides the dock in the mail tab that has focus.
  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'toggle-sidebar') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, { type: 'dock/toggle' }).catch(() => undefined);
  });
  // Chrome's side panel opens from the command; the toolbar button keeps the popup.
  const sidePanel = (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome?.sidePanel;
  void sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
}
