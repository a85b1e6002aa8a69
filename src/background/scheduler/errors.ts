/** The source asked us to wait (429, or a 403 that says the rate limit is spent). */
export class RateLimitedError extends Error {
  constructor(readonly retryAt: number, readonly status: number) {
    super(`rate limited (HTTP ${status})`);
    this.name = 'RateLimitedError';
  }
}

/** A fault worth trying again later: 5xx, a timeout, a reset connection, DNS failure. */
export class TransientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransientError';
  }
}

/** The user turned the source off (or paused Earshot) after the job was queued: nothing is sent. */
export class NotAllowedError extends Error {
  constructor(source: string) {
    super(`${source} is switched off`);
    this.name = 'NotAllowedError';
  }
}

/** The source needs an optional host permission the user has not granted: skipped, and the sidebar says why. */
export class PermissionNeededError extends Error {
  constructor(readonly host: string) {
    super(`needs your permission to reach ${host}`);
    this.name = 'PermissionNeededError';
  }
}
