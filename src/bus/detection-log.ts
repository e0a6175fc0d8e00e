import type { EventOf } from '../contract/schemas.js';
import { labelMap, NO_LABEL } from '../store/point-columns.js';

type LiveDetection = EventOf<'live_detection'>;

const MIN_ROOM = 1024;
/** No string: id 0 in every table, as in a point buffer's labels. */
const NONE = NO_LABEL;
/** Past this many strings, compacting also drops the strings no held detection uses. */
const KEEP_STRINGS = 4096;

/** Strings as ids into a table of their own (0: none), so a column is a typed array. */
class StringTable {
  /** Strings by id; id 0 (NONE) stands for a field the event did not carry. */
  strings: string[] = [''];
  private ids = new Map<string, number>();

  id(value: string | undefined): number {
    if (value === undefined) return NONE;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** Keeps only the strings `columns[from, to)` use, renumbering them there (as a point buffer does its labels). */
  prune(columns: readonly Uint32Array[], from: number, to: number): void {
    if (this.strings.length <= KEEP_STRINGS) return;
    const renumber = labelMap(this.strings, (value) => this.id(value));
    this.strings = [''];
    this.ids = new Map();
    for (const column of columns) for (let i = from; i < to; i++) column[i] = renumber(column[i]!);
  }
}

/**
 * The live detections of the rewind history (see `Timeline`), in columns of
 * numbers: the fields the lanes take (`reduceLiveLanes`), its strings as ids
 * into tables. Kept as the parsed objects, every detection of the window
 * (and its strings) survived the young generation's collections and was
 * copied on its way to the old one: a third of what the collector copied in
 * a flood, for events read again only when the history is trimmed or a
 * moment rebuilt.
 *
 * Detections are numbered from the first ever appended; the timeline keeps
 * the number at each batch's end.
 */
export class DetectionLog {
  /** Number of the detection at index 0 of the columns. */
  private base = 0;
  /** Index of the oldest detection held, and one past the newest. */
  private head = 0;
  private tail = 0;
  /** Host ids, episode ids, phases, models and profiles. */
  private readonly strings = new StringTable();
  private hosts = new Uint32Array(MIN_ROOM);
  private episodes = new Uint32Array(MIN_ROOM);
  private predicted = new Uint32Array(MIN_ROOM);
  private actual = new Uint32Array(MIN_ROOM);
  private models = new Uint32Array(MIN_ROOM);
  private profiles = new Uint32Array(MIN_ROOM);
  /** NaN where the event had none. */
  private confidence = new Float64Array(MIN_ROOM);
  private windows = new Float64Array(MIN_ROOM);
  private latency = new Float64Array(MIN_ROOM);

  /** Number one past the newest detection appended. */
  get end(): number {
    return this.base + this.tail;
  }

  /** Detections held. */
  get held(): number {
    return this.tail - this.head;
  }

  append(event: LiveDetection): void {
    if (this.tail === this.hosts.length) this.makeRoom();
    const i = this.tail++;
    const s = this.strings;
    this.hosts[i] = s.id(event.host_id);
    this.episodes[i] = s.id(event.episode_id);
    this.predicted[i] = s.id(event.predicted);
    this.actual[i] = s.id(event.actual);
    this.models[i] = s.id(event.model);
    this.profiles[i] = s.id(event.profile);
    this.confidence[i] = event.confidence ?? Number.NaN;
    this.windows[i] = event.window_idx ?? Number.NaN;
    this.latency[i] = event.latency_ms ?? Number.NaN;
  }

  /**
   * The detections numbered [from, to) as events, made anew for the lanes to
   * read and let go. Fields the event did not carry are absent, as they were;
   * `t_wall`, which the lanes do not read, is not kept.
   */
  read(from: number, to: number): LiveDetection[] {
    if (from < this.base + this.head || to > this.end || from > to)
      throw new RangeError(`detections ${from}–${to} are not held`);
    const names = this.strings.strings;
    const out: LiveDetection[] = [];
    for (let i = from - this.base; i < to - this.base; i++) {
      const event = {
        type: 'live_detection',
        host_id: names[this.hosts[i]!],
        predicted: names[this.predicted[i]!],
      } as LiveDetection;
      if (this.actual[i] !== NONE) event.actual = names[this.actual[i]!] as LiveDetection['predicted'];
      if (this.models[i] !== NONE) event.model = names[this.models[i]!] as LiveDetection['model'];
      if (this.profiles[i] !== NONE) event.profile = names[this.profiles[i]!];
      if (this.episodes[i] !== NONE) event.episode_id = names[this.episodes[i]!];
      const confidence = this.confidence[i]!;
      if (!Number.isNaN(confidence)) event.confidence = confidence;
      const window = this.windows[i]!;
      if (!Number.isNaN(window)) event.window_idx = window;
      const latency = this.latency[i]!;
      if (!Number.isNaN(latency)) event.latency_ms = latency;
      out.push(event);
    }
    return out;
  }

  /** Forgets the detections numbered before `number` (the numbering goes on). */
  dropBefore(number: number): void {
    this.head = Math.max(this.head, Math.min(number, this.end) - this.base);
  }

  private idColumns(): Uint32Array[] {
    return [this.hosts, this.episodes, this.predicted, this.actual, this.models, this.profiles];
  }

  /** Room for one more: the dropped moved out when they are half the columns, or the columns doubled. */
  private makeRoom(): void {
    const held = this.tail - this.head;
    const grow = held * 2 > this.hosts.length;
    const room = grow ? this.hosts.length * 2 : this.hosts.length;
    const move = <T extends Uint32Array | Float64Array>(column: T, make: (n: number) => T): T => {
      if (!grow) {
        column.copyWithin(0, this.head, this.tail);
        return column;
      }
      const next = make(room);
      next.set(column.subarray(this.head, this.tail));
      return next;
    };
    const ids = (n: number) => new Uint32Array(n);
    const numbers = (n: number) => new Float64Array(n);
    this.hosts = move(this.hosts, ids);
    this.episodes = move(this.episodes, ids);
    this.predicted = move(this.predicted, ids);
    this.actual = move(this.actual, ids);
    this.models = move(this.models, ids);
    this.profiles = move(this.profiles, ids);
    this.confidence = move(this.confidence, numbers);
    this.windows = move(this.windows, numbers);
    this.latency = move(this.latency, numbers);
    this.base += this.head;
    this.tail = held;
    this.head = 0;
    this.strings.prune(this.idColumns(), 0, held);
  }
}
