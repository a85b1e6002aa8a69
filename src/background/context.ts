import type { Settings } from '../shared/settings';
import type { EarshotDatabase } from '../db/database';
import type { Scheduler } from './scheduler/scheduler';
import type { Source } from './sources/source';

/** What every handler gets: built once in main.ts, replaced by fakes-free real parts in tests too. */
export interface BackgroundContext {
  db: EarshotDatabase;
  scheduler: Scheduler;
  sources: readonly Source[];
  loadSettings: () => Promise<Settings>;
  now: () => number;
}
