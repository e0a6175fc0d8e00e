/**
 * The presenter's talk timer: elapsed time and a countdown to a set length,
 * pausable. Plain data and pure functions so it survives a reload (kept in
 * `sessionStorage`) and tests run without a clock.
 */
export interface TalkTimer {
  /** When the talk started, shifted forward by any time spent paused (ms). */
  readonly startedAt: number;
  /** When it was paused, if it is. */
  readonly pausedAt?: number;
  /** The talk's set length (ms). */
  readonly lengthMs: number;
}

/** The talk length when none is given. */
export const DEFAULT_TALK_MINUTES = 20;
const MAX_TALK_MINUTES = 600;

/** A timer started at `now`. */
export function startTimer(now: number, lengthMs = DEFAULT_TALK_MINUTES * 60_000): TalkTimer {
  return { startedAt: now, lengthMs };
}

/** Time talked so far (ms), not counting pauses. */
export function elapsedMs(timer: TalkTimer, now: number): number {
  return Math.max(0, (timer.pausedAt ?? now) - timer.startedAt);
}

export function pauseTimer(timer: TalkTimer, now: number): TalkTimer {
  return timer.pausedAt === undefined ? { ...timer, pausedAt: now } : timer;
}

export function resumeTimer(timer: TalkTimer, now: number): TalkTimer {
  if (timer.pausedAt === undefined) return timer;
  return { startedAt: timer.startedAt + (now - timer.pausedAt), lengthMs: timer.lengthMs };
}

/** Sets the talk length, in whole minutes (1…600). */
export function withLength(timer: TalkTimer, minutes: number): TalkTimer {
  const clamped = Math.min(MAX_TALK_MINUTES, Math.max(1, Math.round(minutes)));
  return { ...timer, lengthMs: clamped * 60_000 };
}

/** `m:ss`, or `h:mm:ss` past an hour; whole seconds, rounded down. */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  const sign = ms < 0 && total > 0 ? '−' : '';
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

/** What the timer shows at `now`. */
export interface TimerView {
  readonly elapsed: string;
  /** Time left, or time over as a negative clock (`−1:05`). */
  readonly remaining: string;
  readonly overtime: boolean;
  /** 0…1 of the set length used (1 when over). */
  readonly fraction: number;
  readonly paused: boolean;
}

export function timerView(timer: TalkTimer, now: number): TimerView {
  const elapsed = elapsedMs(timer, now);
  // Count the remaining time up to the next whole second, so 20:00 shows at the start and 0:00 at the end.
  const left = timer.lengthMs - elapsed;
  const shown = left > 0 ? Math.ceil(left / 1000) * 1000 : left;
  return {
    elapsed: formatClock(elapsed),
    remaining: formatClock(shown),
    overtime: left < 0,
    fraction: Math.min(1, elapsed / timer.lengthMs),
    paused: timer.pausedAt !== undefined,
  };
}

/** Reads a stored timer; anything malformed is undefined. */
export function readTimer(text: string | null): TalkTimer | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
    if (!ok(v.startedAt) || !ok(v.lengthMs) || (v.lengthMs as number) <= 0) return undefined;
    if (v.pausedAt !== undefined && !ok(v.pausedAt)) return undefined;
    return v.pausedAt === undefined
      ? { startedAt: v.startedAt as number, lengthMs: v.lengthMs as number }
      : { startedAt: v.startedAt as number, pausedAt: v.pausedAt as number, lengthMs: v.lengthMs as number };
  } catch {
    return undefined;
  }
}
