import browser from 'webextension-polyfill';
import { database } from '../db/database';
import { loadSettings } from '../shared/settings-store';
import type { BackgroundContext } from './context';
import { HANDLERS } from './handlers';
import { createRouter } from './router';
import { Scheduler } from './scheduler/scheduler';
import { ALL_SOURCES } from './sources/registry';
import { registerLifecycle } from './lifecycle';
import { registerRetention, runRetention } from './retention';
import { hostPermissionGate, registerPermissionWatch } from './data/host-permissions';

const SCHEDULER_ALARM = 'earshot-scheduler';

function extensionOrigin(): string {
  const url = new URL(browser.runtime.getURL('/'));
  return `${url.protocol}//${url.host}`;
}

const db = database();
const now = () => Date.now();
const scheduler = new Scheduler({
  db,
  sources: ALL_SOURCES,
  loadSettings,
  fetch: (input, init) => fetch(input, init),
  now,
  wakeAt: (at) => browser.alarms.create(SCHEDULER_ALARM, { when: at }),
  // Hosts refused here are listed in the popup with a Grant button.
  hasHostPermission: hostPermissionGate(now),
});
const context: BackgroundContext = { db, scheduler, sources: ALL_SOURCES, loadSettings, now };

// Listeners are registered synchronously at start so a worker woken by an event receives it.
browser.runtime.onMessage.addListener(
  createRouter(HANDLERS, context, { id: browser.runtime.id, origin: extensionOrigin() }),
);
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SCHEDULER_ALARM) void scheduler.resume();
});
registerLifecycle(context);
registerRetention(context, now);
registerPermissionWatch();

void scheduler.resume();

// Exposed for the end-to-end tests and the benchmark, which drive the real background over DevTools
// (Chromium's service worker) or runtime.getBackgroundPage() (Firefox's event page). Only code already
// running inside the extension can reach it; no message reaches it. `runRetention(now)` purges as if
// the clock read `now`.
(globalThis as { earshot?: unknown }).earshot = {
  context,
  runRetention: (at?: number) => runRetention(context, at ?? now()),
};
