/**
 * Reconnect timing: full-jitter exponential backoff (each wait is uniform in
 * [0, min(cap, base·2^attempt)]), so a fleet of viewers that lost the same bus
 * does not come back in lock-step.
 */

export interface BackoffPolicy {
  /** First ceiling (ms). */
  readonly baseMs: number;
  /** Highest ceiling (ms). */
  readonly capMs: number;
  /** Connected this long (ms), the attempt count starts over. */
  readonly resetAfterMs: number;
}

/** DESIGN.md: from 0.5 s doubling to a 15 s cap; reset after 5 s of uptime. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 15_000, resetAfterMs: 5_000 };

/** The ceiling of the wait before retry number `attempt` (0-based). */
export function backoffCeiling(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  // Past 2^30 the ceiling is long capped; stop doubling before it overflows.
  const doublings = Math.min(30, Math.max(0, Math.floor(attempt)));
  return Math.min(policy.capMs, policy.baseMs * 2 ** doublings);
}

/**
 * The wait (ms) before retry number `attempt`: `random()` (in [0, 1)) scales
 * the ceiling. Injecting `random` makes the schedule testable.
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;
  return Math.round(unit * backoffCeiling(attempt, policy));
}

/**
 * The attempt counter across connections: `next()` gives the wait for the
 * next retry, `connected(at)`/`disconnected(at)` reset the count once a
 * connection stayed up long enough (a flapping link keeps backing off).
 */
export class Backoff {
  private attempt = 0;
  private openedAt?: number;

  constructor(
    private readonly random: () => number,
    readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
  ) {}

  /** Retries scheduled since the last reset. */
  get attempts(): number {
    return this.attempt;
  }

  /** The wait before the next retry; counts it. */
  next(): number {
    const delay = backoffDelay(this.attempt, this.random, this.policy);
    this.attempt++;
    return delay;
  }

  /** A connection opened at `now` (ms). */
  connected(now: number): void {
    this.openedAt = now;
  }

  /** The connection closed at `now` (ms): reset if it had been up long enough. */
  disconnected(now: number): void {
    if (this.openedAt !== undefined && now - this.openedAt >= this.policy.resetAfterMs) this.attempt = 0;
    this.openedAt = undefined;
  }
}
