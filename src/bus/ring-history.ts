import type { FleetEvent } from '../contract/schemas.js';
import { type EmbeddingsState, reduceEmbeddingColumns } from '../store/embeddings.js';
import { PointBuffer } from '../store/point-columns.js';
import { copyRing, keyframeBytes, type RingKeyframe, restoreRing } from './ring-keyframe.js';

/** A copy of the ring at one moment, and the number (in the log) of the first point after it. */
export interface RingCopy {
  readonly keyframe: RingKeyframe;
  readonly point: number;
}

/** Bytes a ring copy takes. */
export function ringCopyBytes(copy: RingCopy): number {
  return keyframeBytes(copy.keyframe.count);
}

/** A private copy of a ring, free to be written. */
export function cloneRing(ring: EmbeddingsState): EmbeddingsState {
  return restoreRing(copyRing(ring));
}

/**
 * Points that fell out of the history with no ring copy after them are added
 * to the first moment's ring once this many rings' worth have: they stay in
 * the log until then. Adding more than a ring's worth writes only the last
 * ring's worth, so such points cost half a write each. Where points flow, a
 * ring copy (see `copyIfDue`) becomes the first moment's ring before that,
 * and they cost nothing.
 */
const FOLD_RINGS = 2;

/**
 * The embedding ring's side of the rewind history (see `Timeline`): the ring
 * at the history's first moment, the points received since, in columns
 * (`PointBuffer`), and copies of the ring along the way.
 *
 * The ring is written in place, so its past cannot be kept by reference; a
 * moment's ring is a copy of an earlier one plus the points after it (a few
 * typed-array writes each; the ring ignores arrival times). Points are held
 * in columns, not as the events they came in: a flood of points kept as
 * objects cost more in garbage collection than everything else done with
 * them. Points are numbered from the first ever appended; the timeline keeps
 * the number at each batch's end.
 */
export class RingHistory {
  /** The points after the first moment's ring, oldest first (those before `firstPoint` waiting to join it). */
  private readonly points = new PointBuffer();
  /** Number of the first point after the first moment. */
  private firstPoint = 0;
  /**
   * The first moment's ring: a keyframe (the points it held; nothing at a
   * cold start) until folding first adds to it, from then on a ring of its
   * own. A ring is 2.4 MB of buffers; making two at start-up (at the first
   * moment, and again when a warm start restarts the history) was about
   * 25 ms of the first view.
   */
  private baseRing?: EmbeddingsState;
  private baseKeyframe?: RingKeyframe;
  /** A keyframe no longer read, whose buffers the next ring copy takes. */
  private spareKeyframe?: RingKeyframe;
  /** Number of the first point after the latest ring copy (or the first moment's ring). */
  private copyPoint = 0;

  /** A history whose first moment's ring is `ring` as it is now. */
  constructor(ring: EmbeddingsState) {
    this.baseKeyframe = copyRing(ring);
  }

  /** Forgets every point: `ring` as it is now is the first moment's. */
  restart(ring: EmbeddingsState): void {
    this.points.clear();
    this.firstPoint = this.points.end;
    this.copyPoint = this.firstPoint;
    this.baseRing = undefined;
    this.baseKeyframe = copyRing(ring);
  }

  /** Number of the next point appended. */
  get end(): number {
    return this.points.end;
  }

  /** Points held: those after the first moment, and those before it not yet in its ring. */
  get held(): number {
    return this.points.length;
  }

  /** Appends the embeddings among `events`, then those of `points`; returns how many of `events` were. */
  append(events: readonly FleetEvent[], points?: PointBuffer): number {
    const inEvents = this.points.append(events);
    if (points) this.points.appendAll(points);
    return inEvents;
  }

  /**
   * A copy of `ring` (the ring after every point appended so far), once a
   * ring's worth of points came since the last. Such a copy is a few memory
   * copies (2 MB at 100,000 points, into the buffers of the one it replaced);
   * without them, points falling out of the window were written into the
   * first moment's ring one by one, a fifth of a flood's main thread. The
   * caller keeps it at a checkpoint, counts its bytes, and hands it back to
   * `moveFirst` or `ringAt`.
   */
  copyIfDue(ring: EmbeddingsState): RingCopy | undefined {
    if (this.points.end - this.copyPoint < ring.capacity) return undefined;
    const copy = { keyframe: copyRing(ring, this.spareKeyframe), point: this.points.end };
    this.spareKeyframe = undefined;
    this.copyPoint = copy.point;
    return copy;
  }

  /**
   * A fresh ring with every point before number `to`, from `copy` (a ring
   * copy at or before that point) or else from the first moment's ring.
   */
  ringAt(copy: RingCopy | undefined, to: number): EmbeddingsState {
    const from = copy ? { ring: restoreRing(copy.keyframe), point: copy.point } : undefined;
    return this.addPoints(from?.ring ?? this.firstRing(), from?.point ?? this.points.start, to);
  }

  /**
   * The first moment moves up to point number `firstPoint`. `copy`, the
   * latest ring copy at or before it, becomes its ring, and the points before
   * it go; points with no copy after them wait (see FOLD_RINGS).
   */
  moveFirst(firstPoint: number, copy: RingCopy | undefined): void {
    this.firstPoint = firstPoint;
    if (copy) {
      this.spareKeyframe = this.baseKeyframe;
      this.baseKeyframe = copy.keyframe;
      this.baseRing = undefined;
      this.points.dropTo(copy.point);
    }
    // Once FOLD_RINGS rings' worth wait, the private ring takes them, in place: no copy while events arrive.
    const capacity = (this.baseRing ?? this.baseKeyframe!).capacity;
    if (this.firstPoint - this.points.start >= FOLD_RINGS * capacity) {
      this.baseRing = this.addPoints(this.baseRing ?? this.firstRing(), this.points.start, this.firstPoint);
      this.points.dropTo(this.firstPoint);
      this.baseKeyframe = undefined;
    }
  }

  /** A fresh copy of the first moment's ring, free to be written. */
  private firstRing(): EmbeddingsState {
    return this.baseRing ? cloneRing(this.baseRing) : restoreRing(this.baseKeyframe!);
  }

  /** Adds the points numbered [from, to) to `ring` (writing at most a ring's worth of them). */
  private addPoints(ring: EmbeddingsState, from: number, to: number): EmbeddingsState {
    return reduceEmbeddingColumns(ring, this.points, this.points.index(from), this.points.index(to));
  }
}
