import type Browser from 'webextension-polyfill';

/**
 * Extension pages get the browser's own promise-based API: Firefox's `browser`, or Chrome's `chrome`
 * (MV3 returns promises for every call these pages make). The build points webextension-polyfill here
 * for the pages only, because the sidebar has a 60 KB budget and the polyfill's wrapper is dead
 * weight there; the background keeps the polyfill for its promise-returning onMessage listener.
 */
const api = ((globalThis as { browser?: typeof Browser }).browser ?? (globalThis as { chrome?: typeof Browser }).chrome) as typeof Browser;
export default api;
