// What Earshot holds, read from inside one of its own pages with the raw IndexedDB and storage APIs:
// the messages test compares it before and after each hostile attempt ("no handler ran").

import type { Page } from 'puppeteer-core';

interface StorageApi {
  storage: { sync: { get(keys: null): Promise<Record<string, unknown>> }; local: { get(keys: null): Promise<Record<string, unknown>> } };
}
declare const chrome: StorageApi;
declare const browser: StorageApi | undefined;

export interface EarshotState {
  /** Every object store's primary keys, sorted. */
  keys: Record<string, string[]>;
  sync: Record<string, unknown>;
  local: Record<string, unknown>;
}

/** Reads everything, in an Earshot extension page. */
export async function readState(page: Page): Promise<EarshotState> {
  return page.evaluate(async () => {
    const api = typeof browser === 'undefined' ? chrome : browser;
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const open = indexedDB.open('earshot');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const keys: Record<string, string[]> = {};
    for (const name of [...db.objectStoreNames]) {
      keys[name] = await new Promise<string[]>((ok, fail) => {
        const request = db.transaction(name).objectStore(name).getAllKeys();
        request.onsuccess = () => ok(request.result.map((key) => JSON.stringify(key)).sort());
        request.onerror = () => fail(request.error);
      });
    }
    db.close();
    return { keys, sync: await api.storage.sync.get(null), local: await api.storage.local.get(null) };
  });
}

/** Writes a note, the one kind of row only the user makes: erased, it is gone; untouched, it stays. */
export async function putNote(page: Page, note: { personId: string; text: string; updatedAt: number }): Promise<void> {
  await page.evaluate(async (row) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const open = indexedDB.open('earshot');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction('notes', 'readwrite');
      tx.objectStore('notes').put(row);
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  }, note);
}

/** A note's text, or null. */
export async function noteText(page: Page, personId: string): Promise<string | null> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const open = indexedDB.open('earshot');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const row = await new Promise<{ text: string } | undefined>((ok, fail) => {
      const request = db.transaction('notes').objectStore('notes').get(id);
      request.onsuccess = () => ok(request.result as { text: string } | undefined);
      request.onerror = () => fail(request.error);
    });
    db.close();
    return row?.text ?? null;
  }, personId);
}
