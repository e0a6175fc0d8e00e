import type { Rejection, VocabularyWarning } from '../contract/validate.js';
import type { FrameDrop } from '../contract/wire.js';
import { ZOD_JIT } from '../contract/zod-mode.js';
import { addToRate, emptyRate, type RateWindow, ratePerSecond } from '../store/rate-window.js';

/** Reasons and warnings kept for display, newest last. */
const KEEP_LAST = 20;
/** Distinct type names counted; the rest fold into one bucket so memory stays flat. */
const MAX_NAMES = 64;
const OTHER = '(other)';

function bumpBounded(map: Map<string, number>, key: string, n = 1): void {
  const k = map.has(key) || map.size < MAX_NAMES ? key : OTHER;
  map.set(k, (map.get(k) ?? 0) + n);
}

function keepLast<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > KEEP_LAST) list.shift();
}

/**
 * The bus's counters: what was accepted, rejected and why, unknown types,
 * vocabulary warnings, dropped frames, and events per second per type.
 * Everything is bounded so an endless hostile stream keeps memory flat.
 */
export class BusDiagnostics {
  /** Whether zod validates with its compiled (JIT) parsers; false when eval is refused (CSP) and it runs jitless. */
  readonly zodJit: boolean = ZOD_JIT;
  accepted = 0;
  rejected = 0;
  unknown = 0;
  vocabularyWarnings = 0;
  frames = 0;
  /** Lines or parts of frames that could not be parsed. */
  garbageParts = 0;
  readonly acceptedByType = new Map<string, number>();
  readonly rejectedByType = new Map<string, number>();
  readonly unknownTypes = new Map<string, number>();
  readonly droppedFrames: Record<FrameDrop, number> = { binary: 0, oversize: 0, garbage: 0, empty: 0 };
  readonly lastRejections: Rejection[] = [];
  readonly lastWarnings: VocabularyWarning[] = [];
  /** Events dropped while paused because the hold was full (the oldest go first). */
  heldDropped = 0;
  /** The last frame problem described, for the overlay. */
  lastFrameProblem?: string;
  /** Empty frames a bus sends to show it is alive. */
  heartbeats = 0;
  /** Reconnects where the bus sent only what was missed. */
  resumes = 0;
  /** Reconnects where the stores were rebuilt from the bus's present (restart, or a gap older than its ring). */
  rebuilds = 0;
  /** Why the last rebuild happened (`restarted`, `gap`, `join`). */
  lastRebuildReason?: string;
  /** Numbered events received again and skipped (applied once already). */
  duplicatesSkipped = 0;
  /** Numbered events the bus never sent within one stream (should stay 0). */
  gapEvents = 0;
  /** Settings the page could not take as given, and what it did instead (see urlNotices). */
  readonly settingNotices: string[] = [];
  private rates = new Map<string, RateWindow>();

  /** Total frames dropped whole. */
  get dropped(): number {
    const d = this.droppedFrames;
    return d.binary + d.oversize + d.garbage + d.empty;
  }

  /** @internal */
  countAccepted(type: string, n: number, now: number): void {
    this.accepted += n;
    bumpBounded(this.acceptedByType, type, n);
    this.rates.set(type, addToRate(this.rates.get(type) ?? emptyRate(), now, n));
  }

  /** @internal */
  countRejected(rejection: Rejection): void {
    this.rejected++;
    bumpBounded(this.rejectedByType, rejection.type);
    keepLast(this.lastRejections, rejection);
  }

  /** @internal */
  countUnknown(typeName: string): void {
    this.unknown++;
    bumpBounded(this.unknownTypes, typeName.slice(0, 64));
  }

  /** Notes a setting the page could not take as given (`hosts=20000 is outside 1–10000: …`). */
  noteSetting(notice: string): void {
    keepLast(this.settingNotices, notice);
  }

  /** @internal */
  countWarnings(warnings: readonly VocabularyWarning[]): void {
    this.vocabularyWarnings += warnings.length;
    for (const w of warnings) keepLast(this.lastWarnings, w);
  }

  /** @internal */
  countFrame(dropped: FrameDrop | undefined, garbage: number, detail: string | undefined): void {
    this.frames++;
    if (dropped) this.droppedFrames[dropped]++;
    this.garbageParts += garbage;
    if (detail) this.lastFrameProblem = detail;
  }

  /** @internal */
  countHeartbeat(): void {
    this.heartbeats++;
  }

  /** @internal */
  countDuplicates(n: number): void {
    this.duplicatesSkipped += n;
  }

  /** @internal */
  countGap(n: number): void {
    this.gapEvents += n;
  }

  /** @internal A resume or rebuild; `reconnect` false for a first join, which is no resync. */
  countResync(kind: 'resume' | 'rebuild', reason: string, reconnect: boolean): void {
    if (!reconnect) return;
    if (kind === 'resume') this.resumes++;
    else {
      this.rebuilds++;
      this.lastRebuildReason = reason;
    }
  }

  /** @internal */
  countHeldDropped(n: number): void {
    this.heldDropped += n;
  }

  /** Accepted events per second by type, over the last complete seconds. */
  eventsPerSecond(now: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [type, window] of this.rates) out[type] = ratePerSecond(window, now);
    return out;
  }
}
