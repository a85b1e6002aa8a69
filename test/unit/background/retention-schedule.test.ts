import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeExtension, type FakeExtension } from '../ui/popup/fake-extension';

/** When retention runs: once at start, daily on an alarm, and at once when the user changes the period. */
type AlarmListener = (alarm: { name: string }) => void;
const fake = vi.hoisted(() => ({
  browser: null as unknown as FakeExtension & { alarms: unknown },
  alarms: new Map<string, { delayInMinutes?: number; periodInMinutes?: number }>(),
  listeners: [] as AlarmListener[],
}));
vi.mock('webextension-polyfill', () => ({ default: new Proxy({}, { get: (_t, key) => (fake.browser as never)[key] }) }));

const { registerRetention, RETENTION_ALARM } = await import('../../../src/background/retention');
const { EarshotDatabase } = await import('../../../src/db/database');
const { saveSettings } = await import('../../../src/shared/settings-store');
const { parseSettings } = await import('../../../src/shared/settings');

beforeEach(() => {
  fake.alarms.clear();
  fake.listeners = [];
  fake.browser = Object.assign(createFakeExtension(), {
    alarms: {
      get: async (name: string) => (fake.alarms.has(name) ? { name } : undefined),
      create: async (name: string, info: { delayInMinutes?: number; periodInMinutes?: number }) => void fake.alarms.set(name, info),
      onAlarm: { addListener: (listener: AlarmListener) => fake.listeners.push(listener) },
    },
  });
});

describe('retention schedule', () => {
  it('runs at start, creates a daily alarm, runs on it, and runs when the period changes', async () => {
    // Each run reads the period once, then purges a real (empty, fake-indexeddb) database.
    const purges: number[] = [];
    const db = new EarshotDatabase(`retention-schedule-${Math.random()}`);
    const loadSettings = async () => {
      purges.push(purges.length);
      return parseSettings({ retentionDays: 30 });
    };
    await saveSettings(parseSettings({ retentionDays: 30 }));
    registerRetention({ db, loadSettings }, () => 1_000);
    await vi.waitFor(() => expect(purges).toHaveLength(1));
    await vi.waitFor(() => expect(fake.alarms.get(RETENTION_ALARM)).toEqual({ delayInMinutes: 1440, periodInMinutes: 1440 }));
    for (const listener of fake.listeners) listener({ name: 'something-else' });
    for (const listener of fake.listeners) listener({ name: RETENTION_ALARM });
    await vi.waitFor(() => expect(purges).toHaveLength(2));
    await saveSettings(parseSettings({ retentionDays: 30, brands: ['Acme'] }));
    await saveSettings(parseSettings({ retentionDays: 7 }));
    await vi.waitFor(() => expect(purges).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 20));
    expect(purges).toHaveLength(3);
  });
});
