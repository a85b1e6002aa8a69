import browser from 'webextension-polyfill';
import { database } from '../db/database';
import { loadSettings } from '../shared/settings-store';
import type { BackgroundContext } from './context';
import { HANDLERS } from './handlers';
import { createRouter } from './router';
import { Scheduler } from './scheduler/scheduler';
import { ALL_SOURCES } from './sources/registry';
import { registerLifecycle } from './lifecycle';

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
  hasHostPermission: (origin) => browser.permissions.contains({ origins: [`${origin}/*`] }),
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

void scheduler.resume();

// Exposed for the end-to-end tests and the benchmark, which drive the real worker over DevTools.
(globalThis as { earshot?: unknown }).earshot = { context };
