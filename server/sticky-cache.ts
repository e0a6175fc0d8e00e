import type { FleetEvent } from '../src/contract/schemas.js';

/** How much of the present the bus keeps for viewers that join late. */
export interface CacheBounds {
  /** Hosts whose lanes are kept; past it the host heard from longest ago goes. */
  readonly hosts: number;
  /**
   * Lane cells kept per host while the byte budget allows (the live scene
   * shows 60); a large fleet gets fewer, see `maxBytes`.
   */
  readonly cellsPerHost: number;
  /** Embedding points kept (the newest). */
  readonly embeddings: number;
  /** Episodes kept (the latest event of each, the most recently updated). */
  readonly episodes: number;
  /** Attack profiles kept, by name. */
  readonly profiles: number;
  /** Models kept, for metrics and perf points each. */
  readonly models: number;
  /** `phase` events kept, and no older than `phaseWindowMs`. */
  readonly phases: number;
  readonly phaseWindowMs: number;
  /** `prediction` events kept (the chunking scene shows six windows). */
  readonly predictions: number;
  /**
   * Bytes of JSON held in all (default 16 MiB). Over it, every lane keeps
   * fewer cells (as many as fit for the hosts held, at least one), so a
   * 10,000-host fleet keeps every host; only past that do the oldest
   * embeddings, phases and hosts go.
   */
  readonly maxBytes: number;
}

export const DEFAULT_CACHE_BOUNDS: CacheBounds = {
  hosts: 16_384,
  cellsPerHost: 60,
  embeddings: 5_000,
  episodes: 256,
  profiles: 256,
  models: 64,
  phases: 2_000,
  phaseWindowMs: 5 * 60_000,
  predictions: 12,
  maxBytes: 16 * 1024 * 1024,
};

/** Lanes are trimmed to fit this share of the budget, so a full cache does not trim on every add. */
const TRIM_TO = 0.9;
/** Below this share of the budget, lanes may hold more cells again. */
const GROW_BELOW = 0.6;

/** An event as the cache holds it: its JSON (what viewers are sent) and that JSON's size. */
interface Held {
  json: string;
  bytes: number;
}

/** A lane cell: its JSON plus what a follow-up needs to find and fill it. */
interface Cell extends Held {
  readonly episode?: string;
  readonly window?: number;
  actual: boolean;
}

function held(json: string): Held {
  return { json, bytes: Buffer.byteLength(json) };
}

/** A queue of the newest items, oldest first, with their bytes counted. */
class ByteQueue<T extends Held> {
  private items: T[] = [];
  private start = 0;
  bytes = 0;

  constructor(private readonly capacity: number) {}

  push(item: T): void {
    if (this.capacity <= 0) return;
    this.items.push(item);
    this.bytes += item.bytes;
    while (this.size > this.capacity) this.shift();
  }

  /** Drops the oldest item; returns its bytes. */
  shift(): number {
    const item = this.items[this.start];
    if (!item) return 0;
    this.items[this.start] = undefined as unknown as T;
    this.start++;
    // Compact once the dead head is half the array, so shifting stays O(1) amortized.
    if (this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
    this.bytes -= item.bytes;
    return item.bytes;
  }

  values(): T[] {
    return this.items.slice(this.start);
  }

  get size(): number {
    return this.items.length - this.start;
  }
}

/** Sets `key` as the newest entry, evicting the oldest past `max`; returns the bytes freed. */
function setNewest<K, V extends Held>(map: Map<K, V>, key: K, value: V, max: number): number {
  let freed = map.get(key)?.bytes ?? 0;
  map.delete(key);
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next().value as K;
    freed += map.get(oldest)!.bytes;
    map.delete(oldest);
  }
  return freed;
}

/** A host's lane: its cells, oldest first, and their bytes. */
interface Lane {
  cells: Cell[];
  bytes: number;
}

/**
 * The bus's sticky state: the newest events that together describe the
 * present, replayed to each viewer that connects so it does not start blank.
 * Each event is held as the JSON viewers are sent, and every collection is
 * bounded in count and all of them together in bytes; feeding it for ever
 * keeps its size flat. `version` moves on every change, so the bus encodes
 * one replay per version and shares it between viewers.
 */
export class StickyCache {
  readonly bounds: CacheBounds;
  private snapshot?: Held;
  private phaseMix?: Held;
  private readonly episodes = new Map<string, Held>();
  private readonly profiles = new Map<string, Held>();
  private readonly metrics = new Map<string, Held>();
  private readonly perf = new Map<string, Held>();
  private readonly lanes = new Map<string, Lane>();
  private readonly phases: ByteQueue<Held & { at: number }>;
  private readonly predictions: ByteQueue<Held>;
  private readonly embeddings: ByteQueue<Held>;
  private total = 0;
  private laneBytes = 0;
  private cellCount = 0;
  private cellCap: number;
  private changes = 0;

  constructor(bounds: Partial<CacheBounds> = {}) {
    this.bounds = { ...DEFAULT_CACHE_BOUNDS, ...bounds };
    this.phases = new ByteQueue(this.bounds.phases);
    this.predictions = new ByteQueue(this.bounds.predictions);
    this.embeddings = new ByteQueue(this.bounds.embeddings);
    this.cellCap = this.bounds.cellsPerHost;
  }

  /** Moves on every change: a replay encoded at one version is valid until the next. */
  get version(): number {
    return this.changes;
  }

  /** Bytes of JSON held. */
  get bytes(): number {
    return this.total;
  }

  /** Lane cells each host keeps now: `cellsPerHost`, or fewer when the fleet is too large for the budget. */
  get cellsPerHost(): number {
    return this.cellCap;
  }

  /**
   * Takes in validated events (arrived at `now`, ms). `serialized` is their
   * JSON when the caller has it already (the bus does), one per event.
   */
  add(events: readonly FleetEvent[], now: number, serialized?: readonly string[]): void {
    const b = this.bounds;
    events.forEach((event, i) => {
      const json = serialized?.[i] ?? JSON.stringify(event);
      switch (event.type) {
        case 'snapshot': {
          const next = held(json);
          this.total += next.bytes - (this.snapshot?.bytes ?? 0);
          this.snapshot = next;
          break;
        }
        case 'phase_mix': {
          const next = held(json);
          this.total += next.bytes - (this.phaseMix?.bytes ?? 0);
          this.phaseMix = next;
          break;
        }
        case 'episode':
          this.putKeyed(this.episodes, event.episode_id, json, b.episodes);
          break;
        case 'attack_profile':
          this.putKeyed(this.profiles, event.name, json, b.profiles);
          break;
        case 'model_metric':
          this.putKeyed(this.metrics, event.model, json, b.models);
          break;
        case 'model_perf':
          this.putKeyed(this.perf, event.model, json, b.models);
          break;
        case 'phase':
          this.putQueued(this.phases, { ...held(json), at: now });
          break;
        case 'prediction':
          this.putQueued(this.predictions, held(json));
          break;
        case 'embedding':
          this.putQueued(this.embeddings, held(json));
          break;
        case 'live_detection':
          this.addDetection(event, json);
          break;
      }
    });
    this.changes++;
    if (this.total > b.maxBytes) this.shrink();
    else if (this.cellCap < b.cellsPerHost && this.total < b.maxBytes * GROW_BELOW) this.grow();
  }

  /** The JSON of what a new viewer is sent, in an order that builds the scenes sensibly. */
  replayJson(now: number): string[] {
    const out: string[] = [];
    const push = (h: Held | undefined) => {
      if (h) out.push(h.json);
    };
    push(this.snapshot);
    for (const map of [this.episodes, this.profiles, this.metrics, this.perf])
      for (const h of map.values()) push(h);
    push(this.phaseMix);
    for (const p of this.phases.values()) if (now - p.at <= this.bounds.phaseWindowMs) push(p);
    for (const p of this.predictions.values()) push(p);
    for (const e of this.embeddings.values()) push(e);
    for (const lane of this.lanes.values()) for (const cell of lane.cells) push(cell);
    return out;
  }

  /** What a new viewer is sent, as events (tests, tools). */
  replay(now: number): FleetEvent[] {
    return this.replayJson(now).map((json) => JSON.parse(json) as FleetEvent);
  }

  /** How many of each kind are held, the bytes and the cells per host now (the status page, tests). */
  sizes(): Record<string, number> {
    return {
      snapshot: this.snapshot ? 1 : 0,
      episodes: this.episodes.size,
      profiles: this.profiles.size,
      metrics: this.metrics.size,
      perf: this.perf.size,
      phaseMix: this.phaseMix ? 1 : 0,
      phases: this.phases.size,
      predictions: this.predictions.size,
      embeddings: this.embeddings.size,
      hosts: this.lanes.size,
      cells: this.cellCount,
      cellsPerHost: this.cellCap,
      bytes: this.total,
    };
  }

  private putKeyed(map: Map<string, Held>, key: string, json: string, max: number): void {
    const h = held(json);
    this.total += h.bytes - setNewest(map, key, h, max);
  }

  private putQueued<T extends Held>(queue: ByteQueue<T>, item: T): void {
    const before = queue.bytes;
    queue.push(item);
    this.total += queue.bytes - before;
  }

  /**
   * Keeps the lane as the live store would draw it: a follow-up carrying
   * `actual` for a cell still held fills that cell instead of taking a slot.
   */
  private addDetection(event: Extract<FleetEvent, { type: 'live_detection' }>, json: string): void {
    let lane = this.lanes.get(event.host_id);
    if (
      lane &&
      event.actual !== undefined &&
      event.episode_id !== undefined &&
      event.window_idx !== undefined
    ) {
      const cell = lane.cells.findLast(
        (c) => c.episode === event.episode_id && c.window === event.window_idx,
      );
      if (cell) {
        if (!cell.actual) {
          // The JSON of a validated event ends with its closing brace: append the truth.
          const filled = held(`${cell.json.slice(0, -1)},"actual":${JSON.stringify(event.actual)}}`);
          this.resizeLane(lane, filled.bytes - cell.bytes);
          cell.json = filled.json;
          cell.bytes = filled.bytes;
          cell.actual = true;
        }
        this.touchLane(event.host_id, lane);
        return;
      }
    }
    if (!lane) lane = { cells: [], bytes: 0 };
    const bytes = Buffer.byteLength(json);
    // One object shape for every cell (no spread): lanes hold hundreds of thousands of them.
    lane.cells.push({
      json,
      bytes,
      episode: event.episode_id,
      window: event.window_idx,
      actual: event.actual !== undefined,
    });
    this.cellCount++;
    this.resizeLane(lane, bytes);
    this.trimLane(lane, this.cellCap);
    this.touchLane(event.host_id, lane);
  }

  /** Makes `host` the most recently heard, dropping the host heard from longest ago past the bound. */
  private touchLane(host: string, lane: Lane): void {
    this.lanes.delete(host);
    this.lanes.set(host, lane);
    while (this.lanes.size > this.bounds.hosts) this.dropOldestHost();
  }

  private dropOldestHost(): void {
    const oldest = this.lanes.keys().next().value as string | undefined;
    if (oldest === undefined) return;
    const lane = this.lanes.get(oldest)!;
    this.lanes.delete(oldest);
    this.resizeLane(lane, -lane.bytes);
    this.cellCount -= lane.cells.length;
  }

  private resizeLane(lane: Lane, delta: number): void {
    lane.bytes += delta;
    this.laneBytes += delta;
    this.total += delta;
  }

  private trimLane(lane: Lane, cap: number): void {
    const extra = lane.cells.length - cap;
    if (extra <= 0) return;
    let freed = 0;
    for (let i = 0; i < extra; i++) freed += lane.cells[i]!.bytes;
    lane.cells.splice(0, extra);
    this.cellCount -= extra;
    this.resizeLane(lane, -freed);
  }

  /** The cells per host that fit `TRIM_TO` of the budget with what else is held, within [1, cellsPerHost]. */
  private fittingCells(): number {
    if (this.cellCount === 0 || this.lanes.size === 0) return this.bounds.cellsPerHost;
    const perCell = this.laneBytes / this.cellCount;
    const room = this.bounds.maxBytes * TRIM_TO - (this.total - this.laneBytes);
    const fit = Math.floor(room / (perCell * this.lanes.size));
    return Math.max(1, Math.min(this.bounds.cellsPerHost, fit));
  }

  /** Over the byte budget: fewer cells per host first, then the oldest of everything else. */
  private shrink(): void {
    const fit = this.fittingCells();
    if (fit < this.cellCap) {
      this.cellCap = fit;
      for (const lane of this.lanes.values()) this.trimLane(lane, fit);
    }
    const max = this.bounds.maxBytes;
    while (this.total > max && this.embeddings.size > 0) this.total -= this.embeddings.shift();
    while (this.total > max && this.phases.size > 0) this.total -= this.phases.shift();
    while (this.total > max && this.lanes.size > 1) this.dropOldestHost();
  }

  /** Room again (hosts left): let lanes hold more cells, up to what fits. */
  private grow(): void {
    this.cellCap = Math.max(this.cellCap, this.fittingCells());
  }
}
