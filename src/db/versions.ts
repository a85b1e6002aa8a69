import type Dexie from 'dexie';

/**
 * Schema history. Append a version, never edit an old one: every user's database was written by one of
 * them, and test/unit/db/upgrade.test.ts opens a database of each earlier version and keeps its rows.
 */
export function applySchemaVersions(db: Dexie): void {
  db.version(1).stores({
    people: 'id, email, domain, lastSeenAt',
    identities: 'id, personId, [network+handle], fetchedAt',
    posts: 'id, personId, [personId+createdAt], identityId, createdAt, fetchedAt',
    jobs: '++id, &key, [state+priority+createdAt], personId, notBefore',
    requestLog: '++id, at, [source+at]',
    notes: 'personId, updatedAt',
    threads: 'key, seenAt',
  });
}

export const CURRENT_SCHEMA_VERSION = 1;
