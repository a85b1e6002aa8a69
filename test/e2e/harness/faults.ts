// Faults a test can put on a host (or a host + path prefix) to see how the extension copes.

export type FaultKind =
  /** Answer normally, but only after `ms`. */
  | { kind: 'delay'; ms: number }
  /** 429 Too Many Requests with a Retry-After header. */
  | { kind: '429'; retryAfterSeconds: number; body?: string }
  | { kind: '500'; body?: string }
  /** Never answer; the request stays open until the server closes. */
  | { kind: 'hang' }
  /** 200 with this body (e.g. truncated JSON, HTML where JSON was expected). */
  | { kind: 'malformed'; body: string; contentType?: string }
  /**
   * Destroy the socket without an answer. Browsers resend a request whose connection dies before any
   * response (seen here: Chromium once, Firefox up to its retry limit), so with a small `times` the
   * extension never sees the failure, only the server sees extra requests. Leave `times` out to make
   * the host unreachable.
   */
  | { kind: 'reset' }
  /**
   * A slow-drip body: the status and headers at once, then the body `bytesPerChunk` bytes every
   * `intervalMs` (default 8 bytes every 500 ms). Slower than a source's timeout, the client gives up
   * mid-body, after it has seen a 200.
   */
  | { kind: 'drip'; bytesPerChunk?: number; intervalMs?: number }
  /**
   * Answer normally. Exempts a more specific target from a fault on its host (the most specific target
   * wins): a company site's pages faulted while the WebFinger on the same host is not.
   */
  | { kind: 'pass' };

/** `times`: the fault applies to that many requests, then clears itself. Absent: until cleared. */
export type Fault = FaultKind & { times?: number };

interface Armed {
  fault: Fault;
  remaining: number;
}

export class FaultTable {
  private readonly byTarget = new Map<string, Armed>();
  /** Requests each kind of fault was applied to, kept across clear() for a run's summary. */
  private readonly taken = new Map<string, number>();

  /** `target` is `host` or `host/path/prefix`; null clears it. */
  set(target: string, fault: Fault | null): void {
    const key = target.toLowerCase();
    if (fault === null) {
      this.byTarget.delete(key);
      return;
    }
    if (fault.times !== undefined && fault.times < 1) throw new Error(`fault.times must be at least 1, got ${fault.times}`);
    this.byTarget.set(key, { fault, remaining: fault.times ?? Infinity });
  }

  clear(): void {
    this.byTarget.clear();
  }

  injected(): Record<string, number> {
    return Object.fromEntries(this.taken);
  }

  /** The fault for this request, if any, counting it as used. The most specific target wins. */
  take(host: string, path: string): Fault | undefined {
    const url = (host + path).toLowerCase();
    let best: { key: string; armed: Armed } | undefined;
    for (const [key, armed] of this.byTarget) {
      const matches = key.includes('/') ? url.startsWith(key) : host.toLowerCase() === key;
      if (matches && (best === undefined || key.length > best.key.length)) best = { key, armed };
    }
    if (best === undefined) return undefined;
    best.armed.remaining -= 1;
    if (best.armed.remaining <= 0) this.byTarget.delete(best.key);
    const kind = best.armed.fault.kind;
    if (kind !== 'pass') this.taken.set(kind, (this.taken.get(kind) ?? 0) + 1);
    return best.armed.fault;
  }
}
