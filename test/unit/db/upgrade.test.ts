import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { default as Dexie, IndexableType } from 'dexie';
import { IDBFactory as FakeIDBFactory, IDBKeyRange as FakeIDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { declaredVersions, type DatabaseFixture, type StoreFixture } from '../../../scripts/fixtures/make-db-fixture';
import { EarshotDatabase } from '../../../src/db/database';
import { applySchemaVersions, CURRENT_SCHEMA_VERSION } from '../../../src/db/versions';

/**
 * Every user's database was written by some earlier schema version. Each test/fixtures/db/v<N>.json is
 * such a database, written by version N's own code (scripts/fixtures/make-db-fixture.ts) and dumped
 * raw; here it is rebuilt with the plain IndexedDB API and opened with today's EarshotDatabase, which
 * must keep every row and find each one through today's indexes.
 *
 * An upgrade that rewrites a field on purpose makes `keeps every row` fail for that field: say there
 * what the upgraded row must hold instead.
 */
const FIXTURES = join(import.meta.dirname, '../../fixtures/db');
const fixtureFiles = readdirSync(FIXTURES).filter((file) => /^v\d+\.json$/.test(file)).sort();
const fixtures = fixtureFiles.map((file) => ({ file, fixture: JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as DatabaseFixture }));

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((ok, fail) => {
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

/** The fixture's database, exactly as dumped, in a fresh fake IndexedDB. */
async function recreate(fixture: DatabaseFixture): Promise<IDBFactory> {
  const factory = new FakeIDBFactory();
  const { name, idbVersion, stores } = fixture.database;
  const opening = factory.open(name, idbVersion);
  opening.onupgradeneeded = () => {
    for (const store of stores) {
      const created = opening.result.createObjectStore(store.name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement });
      for (const index of store.indexes) created.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
    }
  };
  const db = await request(opening);
  const transaction = db.transaction(stores.map((store) => store.name), 'readwrite');
  for (const store of stores) {
    const objectStore = transaction.objectStore(store.name);
    store.records.forEach((record, i) => (store.keyPath === null ? objectStore.add(record, store.keys?.[i]) : objectStore.add(record)));
  }
  await new Promise<void>((ok, fail) => {
    transaction.oncomplete = () => ok();
    transaction.onerror = () => fail(transaction.error);
  });
  db.close();
  return factory;
}

async function openToday(fixture: DatabaseFixture): Promise<EarshotDatabase> {
  const factory = await recreate(fixture);
  const db = new EarshotDatabase(fixture.database.name, { indexedDB: factory, IDBKeyRange: FakeIDBKeyRange });
  await db.open();
  return db;
}

/** What IndexedDB accepts as a key; a record whose index value is anything else (null, absent) is not indexed. */
function isKey(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (typeof value === 'number') return !Number.isNaN(value);
  return Array.isArray(value) && value.every(isKey);
}

/** The key a key path picks out of a record, or undefined when IndexedDB would not index the record. */
function keyOf(record: unknown, keyPath: string | string[]): unknown {
  const value = Array.isArray(keyPath)
    ? keyPath.map((path) => keyOf(record, path))
    : keyPath.split('.').reduce<unknown>((inner, step) => (inner as Record<string, unknown> | undefined)?.[step], record);
  return isKey(value) ? value : undefined;
}

function primaryKeyOf(store: StoreFixture, i: number): IDBValidKey {
  return (store.keyPath === null ? store.keys?.[i] : keyOf(store.records[i], store.keyPath)) as IDBValidKey;
}

function table(db: Dexie, name: string) {
  const found = db.tables.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`today's schema has no table ${name}`);
  return found;
}

describe('schema history', () => {
  it('has a fixture for every schema version below the newest, each written by its own commit', () => {
    const versions = declaredVersions(applySchemaVersions);
    expect(Math.max(...versions)).toBe(CURRENT_SCHEMA_VERSION);
    const earlier = versions.filter((version) => version < CURRENT_SCHEMA_VERSION);
    const missing = earlier.filter((version) => !fixtureFiles.includes(`v${version}.json`));
    // Fix: commit the new version, then `npx tsx scripts/fixtures/make-db-fixture.ts <each missing version>`.
    expect(missing, 'schema versions without a fixture in test/fixtures/db').toEqual([]);
    expect(fixtures.length).toBeGreaterThan(0);
    for (const { file, fixture } of fixtures) {
      expect(file).toBe(`v${fixture.schemaVersion}.json`);
      expect(versions).toContain(fixture.schemaVersion);
      expect(fixture.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(fixture.database.idbVersion).toBe(fixture.schemaVersion * 10);
    }
  });
});

describe.each(fixtures)('a database written by $file', ({ file, fixture }) => {
  const stores = fixture.database.stores;

  it('has rows in every table (a fixture that tests nothing is no fixture)', () => {
    for (const store of stores) expect(store.records.length, store.name).toBeGreaterThan(0);
  });

  it(`opens with today's schema (version ${CURRENT_SCHEMA_VERSION}) with as many rows in every table`, async () => {
    const db = await openToday(fixture);
    try {
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      const counts = Object.fromEntries(await Promise.all(stores.map(async (store) => [store.name, await table(db, store.name).count()])));
      expect(counts).toEqual(Object.fromEntries(stores.map((store) => [store.name, store.records.length])));
    } finally {
      db.close();
    }
  });

  it('keeps every row, with every field it had', async () => {
    const db = await openToday(fixture);
    try {
      for (const store of stores) {
        for (let i = 0; i < store.records.length; i += 1) {
          const row = await table(db, store.name).get(primaryKeyOf(store, i));
          expect(row, `${store.name} ${JSON.stringify(primaryKeyOf(store, i))}`).toMatchObject(store.records[i] as object);
        }
      }
    } finally {
      db.close();
    }
  });

  it("finds every row through each of today's indexes", async () => {
    const db = await openToday(fixture);
    try {
      let lookups = 0;
      for (const store of stores) {
        const today = table(db, store.name);
        const rows = await today.toArray();
        for (const index of today.schema.indexes) {
          const indexed = rows.filter((row) => keyOf(row, index.keyPath as string | string[]) !== undefined);
          expect(await today.orderBy(index.name).count(), `${store.name} by ${index.name}`).toBe(indexed.length);
          for (const row of indexed) {
            const found = await today.where(index.name).equals(keyOf(row, index.keyPath as string | string[]) as IndexableType).primaryKeys();
            expect(found, `${store.name} by ${index.name}`).toContainEqual(keyOf(row, today.schema.primKey.keyPath as string));
            lookups += 1;
          }
        }
      }
      expect(lookups).toBeGreaterThan(0);
      const rows = stores.reduce((sum, store) => sum + store.records.length, 0);
      console.log(`${file} (schema ${fixture.schemaVersion}, ${fixture.commit.slice(0, 10)}) opened at schema ${CURRENT_SCHEMA_VERSION}: ${rows} rows in ${stores.length} tables kept, ${lookups} index lookups found their row`);
    } finally {
      db.close();
    }
  });

  it('answers the queries the sidebar and the scheduler make', async () => {
    const db = await openToday(fixture);
    try {
      const posts = stores.find((store) => store.name === 'posts')?.records as { id: string; personId: string; createdAt: number }[];
      const personId = posts[0]!.personId;
      const newestFirst = posts.filter((post) => post.personId === personId).sort((a, b) => b.createdAt - a.createdAt).map((post) => post.id);
      const fromIndex = await db.posts.where('[personId+createdAt]').between([personId, -Infinity], [personId, Infinity]).reverse().primaryKeys();
      expect(fromIndex).toEqual(newestFirst);
      expect(newestFirst.length).toBeGreaterThan(1);

      const jobs = await db.jobs.where('[state+priority+createdAt]').between(['queued', -Infinity, -Infinity], ['queued', Infinity, Infinity]).toArray();
      const storedJobs = stores.find((store) => store.name === 'jobs')?.records as { state: string; priority: number; createdAt: number }[];
      expect(jobs.map((job) => [job.priority, job.createdAt])).toEqual(
        storedJobs.filter((job) => job.state === 'queued').map((job) => [job.priority, job.createdAt]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!),
      );

      const identity = (stores.find((store) => store.name === 'identities')?.records as { id: string; network: string; handle: string }[])[0]!;
      expect(await db.identities.where('[network+handle]').equals([identity.network, identity.handle]).primaryKeys()).toContain(identity.id);

      const log = stores.find((store) => store.name === 'requestLog')?.records as { source: string; at: number }[];
      const source = log[0]!.source;
      expect(await db.requestLog.where('[source+at]').between([source, -Infinity], [source, Infinity]).count()).toBe(log.filter((r) => r.source === source).length);
    } finally {
      db.close();
    }
  });

  it('takes new rows after the upgrade, numbered after the old ones', async () => {
    const db = await openToday(fixture);
    try {
      const oldIds = (stores.find((store) => store.name === 'requestLog')?.records as { id: number }[]).map((row) => row.id);
      const id = await db.requestLog.add({ at: 1, source: 'bluesky', host: 'public.api.bsky.app', path: '/', identifierKind: 'none', status: 200, durationMs: 1 });
      expect(id).toBeGreaterThan(Math.max(...oldIds));
    } finally {
      db.close();
    }
  });
});
