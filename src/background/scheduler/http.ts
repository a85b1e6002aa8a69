import type { IdentifierKind, SourceId } from '../../shared/domain';
import { sourceAllowed, type Settings } from '../../shared/settings';
import type { EarshotDatabase } from '../../db/database';
import { logRequest } from '../../db/request-log';
import { InvalidResponseError, type BytesBody, type HttpResult, type SourceHttp } from '../sources/source';
import { NotAllowedError, PermissionNeededError, RateLimitedError, TransientError } from './errors';
import { retryAt, SOURCE_LIMITS } from './limits';

export interface HttpDeps {
  db: EarshotDatabase;
  loadSettings: () => Promise<Settings>;
  fetch: typeof fetch;
  now: () => number;
  /** Tells the scheduler a source must not be asked before `until`. */
  onRateLimited: (source: SourceId, until: number) => void;
  /** Until when the source is rate limited (a 429 another job of it got); 0 when it is not. */
  blockedUntil?: (source: SourceId) => number;
  /** Whether the user granted the optional host permission for an origin (fediverse instances, company sites). */
  hasHostPermission: (origin: string) => Promise<boolean>;
}

// Bodies larger than this are not a profile or a feed page; refusing them keeps a hostile server from
// filling memory.
const MAX_BODY_BYTES = 5 * 1024 * 1024;

// A job already running when its source answered another job with a 429 waits this long at most before
// its next request; a longer wait gives the job back to the queue (it starts again after the wait).
const MAX_INLINE_WAIT_MS = 20_000;

/** Identical requests in flight share one fetch (two tabs on one conversation, two jobs on one handle). */
const inFlight = new Map<string, Promise<RawAnswer>>();

interface RawAnswer {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

async function readBody(response: Response): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_BODY_BYTES) throw new InvalidResponseError(`body of ${declared} bytes is too large`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) throw new InvalidResponseError(`body of ${bytes.byteLength} bytes is too large`);
  return bytes;
}

const utf8 = new TextDecoder();

/** A 429, or GitHub's 403 that says the same: the primary limit spent, or the secondary limit's Retry-After. */
function isRateLimitAnswer(status: number, headers: Headers): boolean {
  return status === 429 || (status === 403 && (headers.get('x-ratelimit-remaining') === '0' || headers.has('retry-after')));
}

/** The gated, audited, time-limited network access handed to one source. */
export function sourceHttp(source: SourceId, deps: HttpDeps, attempts = 0, needsHostPermission = false): SourceHttp {
  /** A 429 holds for every job of the source, not only the one that got it. */
  const isBlocked = (): boolean => (deps.blockedUntil?.(source) ?? 0) > deps.now();
  async function waitOutRateLimit(): Promise<void> {
    const blocked = () => deps.blockedUntil?.(source) ?? 0;
    const wait = blocked() - deps.now();
    if (wait <= 0) return;
    if (wait <= MAX_INLINE_WAIT_MS) await new Promise((resolve) => setTimeout(resolve, wait));
    // Still blocked (a longer wait, or another 429 meanwhile): the job goes back to the queue.
    if (blocked() > deps.now()) throw new RateLimitedError(blocked(), 429);
  }

  /** Whether the request may leave: the user's switches and the host permission, checked at the moment of sending. */
  async function gate(url: string): Promise<void> {
    if (!sourceAllowed(await deps.loadSettings(), source, deps.now())) throw new NotAllowedError(source);
    if (needsHostPermission && !(await deps.hasHostPermission(new URL(url).origin))) {
      throw new PermissionNeededError(new URL(url).host);
    }
  }

  async function request(url: string, sent: IdentifierKind, accept: string): Promise<RawAnswer> {
    // The rate-limit check comes last, right before the fetch: a 429 another job of the source got while
    // this one awaited its gate holds this request too (a switch turned off a second ago holds as well).
    await gate(url);
    while (isBlocked()) {
      await waitOutRateLimit();
      await gate(url);
    }
    const key = `${accept} ${url}`;
    const shared = inFlight.get(key);
    if (shared) return shared;
    const started = deps.now();
    const parsed = new URL(url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), SOURCE_LIMITS[source].timeoutMs);
    const pending = (async () => {
      let status = 0;
      try {
        const response = await deps.fetch(url, {
          signal: controller.signal,
          headers: { accept },
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
          cache: 'no-store',
        });
        status = response.status;
        // Known from the status line: the source's other jobs stop now, not after this body and its log entry.
        if (isRateLimitAnswer(status, response.headers)) deps.onRateLimited(source, retryAt(response.headers, deps.now(), attempts));
        const body = await readBody(response);
        return { status, headers: response.headers, body };
      } catch (error) {
        if (error instanceof InvalidResponseError) throw error;
        // No usable answer (a reset, a DNS failure, or a timeout in the middle of a body that had already
        // sent its 200): the audit log says 0, not the status of an answer that never arrived.
        status = 0;
        throw new TransientError(controller.signal.aborted ? 'timed out' : `network error: ${(error as Error).message}`);
      } finally {
        clearTimeout(timer);
        await logRequest(deps.db, {
          at: started, source, host: parsed.host, path: parsed.pathname, identifierKind: sent, status,
          durationMs: deps.now() - started,
        }).catch(() => undefined);
      }
    })();
    inFlight.set(key, pending);
    try {
      return await pending;
    } finally {
      inFlight.delete(key);
    }
  }

  function classify(status: number, headers: Headers): void {
    const now = deps.now();
    // The source was already held when the status line came in (request()); this job waits too.
    if (isRateLimitAnswer(status, headers)) throw new RateLimitedError(retryAt(headers, now, attempts), status);
    if (status >= 500) throw new TransientError(`HTTP ${status}`);
  }

  return {
    async getJson<T>(url: string, sent: IdentifierKind, parse: (body: unknown) => T): Promise<HttpResult<T>> {
      const { status, headers, body } = await request(url, sent, 'application/json');
      classify(status, headers);
      if (status < 200 || status >= 300) return { ok: false, status };
      let json: unknown;
      try {
        json = JSON.parse(utf8.decode(body));
      } catch {
        throw new InvalidResponseError(`HTTP ${status} body is not JSON`);
      }
      return { ok: true, status, data: parse(json) };
    },
    async getText(url: string, sent: IdentifierKind): Promise<HttpResult<string>> {
      const { status, headers, body } = await request(url, sent, 'text/html, application/xml, */*;q=0.5');
      classify(status, headers);
      if (status < 200 || status >= 300) return { ok: false, status };
      return { ok: true, status, data: utf8.decode(body) };
    },
    async getBytes(url: string, sent: IdentifierKind): Promise<HttpResult<BytesBody>> {
      const accept = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
      const { status, headers, body } = await request(url, sent, accept);
      classify(status, headers);
      if (status < 200 || status >= 300) return { ok: false, status };
      return { ok: true, status, data: { bytes: body, contentType: headers.get('content-type') } };
    },
  };
}
