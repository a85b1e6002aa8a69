import type { EarshotDatabase } from './database';

/** Empties every table in one transaction; the database stays open and at its schema version. */
export async function clearAllTables(db: EarshotDatabase): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((table) => table.clear()));
  });
}
