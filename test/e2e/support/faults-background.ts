// Reads the running background's database and error trap, the way sources.e2e.ts reaches it: the
// Chromium service worker over DevTools, Firefox's event page through runtime.getBackgroundPage() from
// an extension page. main.ts exposes `earshot.context` for exactly this; nothing here changes what the
// extension does, except wipe() (between cases) and the error trap (listeners that only record).

import type { Page } from 'puppeteer-core';
import type { JobRecord, LookupState, RequestLogRecord, SourceId } from '../../../src/shared/domain';
import { openExtensionPage } from '../harness/browsers';
import type { FaultBrowser } from './faults-setup';

/** Code run inside the background: gets the background's global scope; must be self-contained. */
type BackgroundCode<A, T> = (scope: Record<string, unknown>, arg: A) => Promise<T> | T;

export interface BackgroundSnapshot {
  posts: { id: string; personId: string; identityId: string; url: string; fetchedAt: number }[];
  identities: { id: string; personId: string; verdict: string | null; addedByUser?: boolean }[];
  people: { id: string; lookups: Partial<Record<SourceId, { state: LookupState; at: number; detail?: string }>> }[];
  jobs: JobRecord[];
  log: RequestLogRecord[];
  notes: { personId: string; text: string }[];
  errors: string[];
  now: number;
}

export class Background {
  private page: Page | undefined;

  constructor(private readonly ext: FaultBrowser) {}

  /** Runs `code` in the background and returns its JSON-able result. */
  async run<A, T>(code: BackgroundCode<A, T>, arg: A): Promise<T> {
    const call = `(async () => JSON.stringify(await (${code.toString()})(SCOPE, ${JSON.stringify(arg)})))()`;
    let json: string;
    if (this.ext.name === 'chromium') {
      const worker = await (await this.ext.serviceWorker!()).worker();
      if (!worker) throw new Error('the service worker target has no worker');
      json = await worker.evaluate(call.replace('SCOPE', 'globalThis')) as string;
    } else {
      // One extension page kept open for these calls; opening one per call would be slow.
      this.page ??= await openExtensionPage(this.ext.browser, this.ext.origin, 'popup.html');
      json = await this.page.evaluate(`(async () => {
        const SCOPE = await browser.runtime.getBackgroundPage();
        if (!SCOPE) throw new Error('no background page');
        return ${call};
      })()`) as string;
    }
    return (json === undefined ? undefined : JSON.parse(json)) as T;
  }

  /** Records uncaught errors and unhandled rejections of this background from now on (once per start). */
  async trapErrors(): Promise<void> {
    await this.run((scope) => {
      if (scope.earshotTestErrors) return;
      const errors: string[] = [];
      scope.earshotTestErrors = errors;
      const target = scope as unknown as EventTarget;
      target.addEventListener('error', (event) => errors.push(`error: ${(event as ErrorEvent).message}`));
      target.addEventListener('unhandledrejection', (event) => {
        const reason = (event as PromiseRejectionEvent).reason as { stack?: string } | undefined;
        errors.push(`unhandled rejection: ${reason?.stack ?? String(reason)}`);
      });
    }, null);
  }

  async snapshot(): Promise<BackgroundSnapshot> {
    return this.run(async (scope) => {
      const earshot = scope.earshot as { context: { db: Record<string, { toArray(): Promise<Record<string, unknown>[]> }> } };
      const db = earshot.context.db;
      const posts = await db.posts!.toArray();
      const identities = await db.identities!.toArray();
      return {
        posts: posts.map((post) => ({ id: post.id, personId: post.personId, identityId: post.identityId, url: post.url, fetchedAt: post.fetchedAt })),
        identities: identities.map((identity) => ({ id: identity.id, personId: identity.personId, verdict: identity.verdict, addedByUser: identity.addedByUser })),
        people: (await db.people!.toArray()).map((person) => ({ id: person.id, lookups: person.lookups })),
        jobs: await db.jobs!.toArray(),
        // The sidebar logs the pictures it loads too (identifier kind 'none'); the background never sends 'none'.
        log: (await db.requestLog!.toArray()).filter((entry) => entry.identifierKind !== 'none'),
        notes: (await db.notes!.toArray()).map((note) => ({ personId: note.personId, text: note.text })),
        errors: [...((scope.earshotTestErrors as string[] | undefined) ?? [])],
        now: Date.now(),
      };
    }, null) as unknown as Promise<BackgroundSnapshot>;
  }

  /**
   * Between cases: forgets every lookup (people, identities, posts, queue, audit log, threads), keeps
   * notes and settings. As "erase everything" does: the queue first, then the jobs still running are
   * let finish (a write landing after the wipe would leak into the next case), then the tables.
   */
  async wipe(): Promise<void> {
    await this.run(async (scope) => {
      const earshot = scope.earshot as { context: { db: Record<string, { clear(): Promise<void> }>; scheduler: { idle(): Promise<void> } } };
      const { db, scheduler } = earshot.context;
      await db.jobs!.clear();
      await Promise.race([scheduler.idle(), new Promise((resolve) => setTimeout(resolve, 30_000))]);
      for (const table of ['jobs', 'people', 'identities', 'posts', 'requestLog', 'threads']) await db[table]!.clear();
    }, null);
  }

  async close(): Promise<void> {
    await this.page?.close().catch(() => undefined);
    this.page = undefined;
  }
}
