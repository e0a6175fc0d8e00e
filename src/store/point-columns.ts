import type { PointSink } from '../contract/accept-point.js';
import type { EventOf, FleetEvent } from '../contract/schemas.js';

type Embedding = EventOf<'embedding'>;

/** Label id 0 means "absent". */
export const NO_LABEL = 0;
/** Cluster -2 means "absent" (-1 is a producer's noise label, kept as it came). */
export const NO_CLUSTER = -2;
/** Where a point has no z, it sits mid-depth. */
const DEFAULT_Z = 0.5;
/** Distinct labels a buffer interns (its ids are 16-bit); past them, labels read "other". */
const MAX_BUFFER_LABELS = 0xffff;
/** A buffer holds at least this many points' room. */
const MIN_ROOM = 1024;
/** Past this many labels, compacting a buffer also drops the labels no point it holds uses. */
const COMPACT_LABELS = 4096;
/**
 * A cleared buffer keeps its labels while it has at most this many: a reused
 * batch then gives a label the same id batch after batch, and a log taking
 * its points (`appendAll`) finds the same table and copies the ids as they
 * are. Past it a clear starts the table afresh, so a stream of new labels
 * stays bounded.
 */
const KEEP_LABELS = 256;
/** Bits of `present`: which optional fields a point came with. */
const HAS_Z = 1;
const HAS_PHASE = 2;
const HAS_PREDICTED = 4;
const HAS_CLUSTER = 8;

/**
 * Embedding points in columns, as the ring stores them: x, y, z, phase and
 * predicted label ids (into `labels`), cluster. Readers take the points at
 * buffer indices; see `PointBuffer.index`.
 */
export interface PointColumns {
  /** x, y, z per point, as they came (z 0.5 where it did not). */
  readonly positions: Float64Array;
  readonly phase: Uint16Array;
  readonly predicted: Uint16Array;
  /** NO_CLUSTER absent, -1 noise; as it came (any safe integer, the ring takes 32 bits of it). */
  readonly cluster: Float64Array;
  /** Label strings by id; id 0 (NO_LABEL) is the empty label. */
  readonly labels: readonly string[];
}

/**
 * Maps label ids of `labels` to another table's, through `intern` (label →
 * id there), once per label and in the order ids are first asked for: a
 * batch's points keep their labels' order of first appearance.
 */
export function labelMap(
  labels: readonly string[],
  intern: (label: string) => number,
): (id: number) => number {
  const to = new Int32Array(labels.length).fill(-1);
  to[NO_LABEL] = NO_LABEL;
  return (id) => {
    let mapped = to[id]!;
    if (mapped < 0) {
      mapped = intern(labels[id]!);
      to[id] = mapped;
    }
    return mapped;
  };
}

/**
 * Embedding points in arrival order, in columns: a batch on its way into the
 * ring, or the history's log of the points it holds. An object per point is
 * what a flood of points cost most, in garbage collection; a point here is
 * 37 bytes in five typed arrays, and `toEvents` gives back the very events
 * it took (the fields they came with, the numbers unrounded).
 *
 * Points are numbered from the first ever appended (`end` is one past the
 * newest); `dropTo` forgets the oldest, and `index` maps a point's number to
 * its place in the columns, which stays put until the next `append` or
 * `dropTo`.
 */
export class PointBuffer implements PointColumns, PointSink {
  positions = new Float64Array(3 * MIN_ROOM);
  phase = new Uint16Array(MIN_ROOM);
  predicted = new Uint16Array(MIN_ROOM);
  cluster = new Float64Array(MIN_ROOM);
  /** HAS_* bits per point. */
  present = new Uint8Array(MIN_ROOM);
  labels: string[] = [''];
  /** How many times the buffer was cleared: a reader holding on to a batch checks it has not been reused. */
  generation = 0;
  private ids = new Map<string, number>([['', NO_LABEL]]);
  /** Column index of the oldest point held. */
  private offset = 0;
  /** Points held. */
  private held = 0;
  /** Number of the oldest point held. */
  private first = 0;

  /** Number of the next point appended (one past the newest held). */
  get end(): number {
    return this.first + this.held;
  }

  /** Number of the oldest point held. */
  get start(): number {
    return this.first;
  }

  /** Points held. */
  get length(): number {
    return this.held;
  }

  /** Column index of point number `n` (held points only). */
  index(n: number): number {
    return this.offset + (n - this.first);
  }

  /** Appends the embeddings among `events` (others are skipped); returns how many. */
  append(events: readonly FleetEvent[]): number {
    const before = this.held;
    for (const event of events) if (event.type === 'embedding') this.appendEvent(event);
    return this.held - before;
  }

  /** Appends one embedding event. */
  appendEvent(point: Embedding): void {
    this.add(point.x, point.y, point.z, point.phase, point.predicted, point.cluster);
  }

  /** Appends one point from its fields (undefined: the field is absent). */
  add(
    x: number,
    y: number,
    z: number | undefined,
    phase: string | undefined,
    predicted: string | undefined,
    cluster: number | undefined,
  ): void {
    if (this.offset + this.held === this.room()) this.reserve(1);
    const at = this.offset + this.held++;
    this.positions[at * 3] = x;
    this.positions[at * 3 + 1] = y;
    this.positions[at * 3 + 2] = z ?? DEFAULT_Z;
    this.phase[at] = this.intern(phase);
    this.predicted[at] = this.intern(predicted);
    this.cluster[at] = cluster ?? NO_CLUSTER;
    this.present[at] =
      (z === undefined ? 0 : HAS_Z) |
      (phase === undefined ? 0 : HAS_PHASE) |
      (predicted === undefined ? 0 : HAS_PREDICTED) |
      (cluster === undefined ? 0 : HAS_CLUSTER);
  }

  /**
   * Appends every point `source` holds, in order. Its labels are all taken
   * into this table, in its order: where that gives every label the id it
   * has there (a log fed by one reused batch, see KEEP_LABELS), the ids are
   * copied as they are, not mapped point by point.
   */
  appendAll(source: PointBuffer): void {
    const n = source.held;
    if (n === 0) return;
    this.reserve(n);
    const at = this.offset + this.held;
    const from = source.offset;
    const to = from + n;
    this.positions.set(source.positions.subarray(3 * from, 3 * to), 3 * at);
    this.cluster.set(source.cluster.subarray(from, to), at);
    this.present.set(source.present.subarray(from, to), at);
    const ids = new Uint16Array(source.labels.length);
    let same = true;
    for (const [id, label] of source.labels.entries()) {
      ids[id] = this.intern(label);
      same &&= ids[id] === id;
    }
    if (same) {
      this.phase.set(source.phase.subarray(from, to), at);
      this.predicted.set(source.predicted.subarray(from, to), at);
    } else {
      for (let i = 0; i < n; i++) {
        this.phase[at + i] = ids[source.phase[from + i]!]!;
        this.predicted[at + i] = ids[source.predicted[from + i]!]!;
      }
    }
    this.held += n;
  }

  /** The points numbered [from, to) as the events they came as. */
  toEvents(from = this.start, to = this.end): Embedding[] {
    const out: Embedding[] = [];
    for (let n = Math.max(from, this.first); n < Math.min(to, this.end); n++) {
      const i = this.index(n);
      const has = this.present[i]!;
      const event: { -readonly [K in keyof Embedding]: Embedding[K] } = {
        type: 'embedding',
        x: this.positions[i * 3]!,
        y: this.positions[i * 3 + 1]!,
      };
      if (has & HAS_Z) event.z = this.positions[i * 3 + 2]!;
      if (has & HAS_PHASE) event.phase = this.labels[this.phase[i]!]!;
      if (has & HAS_PREDICTED) event.predicted = this.labels[this.predicted[i]!]!;
      if (has & HAS_CLUSTER) event.cluster = this.cluster[i]!;
      out.push(event);
    }
    return out;
  }

  /** Forgets the points numbered before `n`. */
  dropTo(n: number): void {
    const drop = Math.min(Math.max(0, n - this.first), this.held);
    this.offset += drop;
    this.held -= drop;
    this.first += drop;
    // Move the rest to the front once the dropped room passes what is held: amortized, a point moves about once.
    if (this.offset > this.held) this.compact(this.room());
  }

  /** Forgets every point, and the labels past KEEP_LABELS of them (numbers go on from `end`). */
  clear(): void {
    this.first += this.held;
    this.offset = 0;
    this.held = 0;
    this.generation++;
    if (this.labels.length > KEEP_LABELS) {
      this.labels = [''];
      this.ids = new Map([['', NO_LABEL]]);
    }
  }

  private room(): number {
    return this.phase.length;
  }

  private intern(label: string | undefined): number {
    if (label === undefined) return NO_LABEL;
    let id = this.ids.get(label);
    if (id === undefined) {
      if (this.labels.length >= MAX_BUFFER_LABELS) return this.intern('other');
      id = this.labels.length;
      this.labels.push(label);
      this.ids.set(label, id);
    }
    return id;
  }

  /** Makes room for `n` more points at the end. */
  private reserve(n: number): void {
    const needed = this.held + n;
    if (this.offset + needed <= this.room()) return;
    let room = this.room();
    // Moving the points held to the front may make room enough; if not, the columns grow.
    while (room < needed) room *= 2;
    this.compact(room);
  }

  /** Moves the points held to the front of columns `room` long (new ones when it differs). */
  private compact(room: number): void {
    const from = this.offset;
    const to = from + this.held;
    const grown = room !== this.room();
    const positions = grown ? new Float64Array(3 * room) : this.positions;
    const phase = grown ? new Uint16Array(room) : this.phase;
    const predicted = grown ? new Uint16Array(room) : this.predicted;
    const cluster = grown ? new Float64Array(room) : this.cluster;
    const present = grown ? new Uint8Array(room) : this.present;
    positions.set(this.positions.subarray(3 * from, 3 * to));
    phase.set(this.phase.subarray(from, to));
    predicted.set(this.predicted.subarray(from, to));
    cluster.set(this.cluster.subarray(from, to));
    present.set(this.present.subarray(from, to));
    this.positions = positions;
    this.phase = phase;
    this.predicted = predicted;
    this.cluster = cluster;
    this.present = present;
    this.offset = 0;
    if (this.labels.length > COMPACT_LABELS) this.forgetUnusedLabels();
  }

  /** Renumbers the labels the points held use, dropping the rest: a stream of new labels stays bounded. */
  private forgetUnusedLabels(): void {
    const renumber = labelMap(this.labels, (label) => this.intern(label));
    this.labels = [''];
    this.ids = new Map([['', NO_LABEL]]);
    for (const column of [this.phase, this.predicted]) {
      for (let i = 0; i < this.held; i++) column[i] = renumber(column[i]!);
    }
  }
}
