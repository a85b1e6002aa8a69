import { clearAllStorage } from '../../shared/settings-store';
import { clearAllTables } from '../../db/erase';
import type { BackgroundContext } from '../context';

/** Longest wait for requests already on the wire (each source's timeout is at most 15 s). */
const SETTLE_MS = 30_000;

/**
 * "Erase everything": every IndexedDB table and all extension storage (settings, servers waiting for a
 * permission). The extension keeps running, empty and back at first run: it looks nothing up until the
 * user chooses sources again.
 *
 * Order matters. Settings go first, so the gate in front of every request refuses from now on; the
 * queue goes next; requests already on the wire finish and write what they found; then the tables are
 * emptied, and storage once more for anything written meanwhile.
 */
export async function eraseEverything(
  context: Pick<BackgroundContext, 'db' | 'scheduler'>,
  clearStorage: () => Promise<void> = clearAllStorage,
): Promise<void> {
  const { db, scheduler } = context;
  await clearStorage();
  await db.jobs.clear();
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    scheduler.idle(),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, SETTLE_MS);
    }),
  ]);
  clearTimeout(timer);
  await clearAllTables(db);
  await clearStorage();
}
