import type Browser from 'webextension-polyfill';

/**
 * The browser's own promise-based API: Firefox's `browser`, or Chrome's `chrome` (MV3 returns promises
 * for every call the pages and the content script make). The build points webextension-polyfill here for
 * the extension pages and the content script, whose budgets (sidebar 60 KB, content script 15 KB) the
 * polyfill's wrapper would eat for nothing; the background keeps the polyfill for its
 * promise-returning onMessage listener.
 */
const api = ((globalThis as { browser?: typeof Browser }).browser ?? (globalThis as { chrome?: typeof Browser }).chrome) as typeof Browser;
export default api;
