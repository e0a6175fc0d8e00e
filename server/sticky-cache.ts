import type { EventOf, FleetEvent } from '../src/contract/schemas.js';

/** How much of the present the bus keeps for viewers that join late. */
export interface CacheBounds {
  /** Hosts whose lanes are kept; past it the host heard from longest ago goes. */
  readonly hosts: number;
  /** Lane cells kept per host (the live scene shows 60). */
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
}

export const DEFAULT_CACHE_BOUNDS: CacheBounds = {
  hosts: 256,
  cellsPerHost: 60,
  embeddings: 5_000,
  episodes: 256,
  profiles: 256,
  models: 64,
  phases: 2_000,
  phaseWindowMs: 5 * 60_000,
  predictions: 12,
};

type Detection = EventOf<'live_detection'>;

/** Sets `key` as the newest entry, evicting the oldest past `max`. */
function setNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
}

/** A fixed-size ring of the newest items. */
class Ring<T> {
  private items: T[] = [];
  private head = 0;
  constructor(private readonly capacity: number) {}

  push(item: T): void {
    if (this.capacity <= 0) return;
    if (this.items.length < this.capacity) this.items.push(item);
    else {
      this.items[this.head] = item;
      this.head = (this.head + 1) % this.capacity;
    }
  }

  /** Oldest first. */
  values(): T[] {
    return this.items.length < this.capacity
      ? this.items.slice()
      : [...this.items.slice(this.head), ...this.items.slice(0, this.head)];
  }

  get size(): number {
    return this.items.length;
  }
}

/**
 * The bus's sticky state: the newest events that together describe the
 * present, replayed to each viewer that connects so it does not start blank.
 * Every collection is bounded; feeding it for ever keeps its size flat.
 */
export class StickyCache {
  readonly bounds: CacheBounds;
  private snapshot?: FleetEvent;
  private phaseMix?: FleetEvent;
  private readonly episodes = new Map<string, FleetEvent>();
  private readonly profiles = new Map<string, FleetEvent>();
  private readonly metrics = new Map<string, FleetEvent>();
  private readonly perf = new Map<string, FleetEvent>();
  private readonly lanes = new Map<string, Detection[]>();
  private readonly phases: Ring<{ at: number; event: FleetEvent }>;
  private readonly predictions: Ring<FleetEvent>;
  private readonly embeddings: Ring<FleetEvent>;

  constructor(bounds: Partial<CacheBounds> = {}) {
    this.bounds = { ...DEFAULT_CACHE_BOUNDS, ...bounds };
    this.phases = new Ring(this.bounds.phases);
    this.predictions = new Ring(this.bounds.predictions);
    this.embeddings = new Ring(this.bounds.embeddings);
  }

  /** Takes in validated events (arrived at `now`, ms). */
  add(events: readonly FleetEvent[], now: number): void {
    const b = this.bounds;
    for (const event of events) {
      switch (event.type) {
        case 'snapshot':
          this.snapshot = event;
          break;
        case 'episode':
          setNewest(this.episodes, event.episode_id, event, b.episodes);
          break;
        case 'attack_profile':
          setNewest(this.profiles, event.name, event, b.profiles);
          break;
        case 'model_metric':
          setNewest(this.metrics, event.model, event, b.models);
          break;
        case 'model_perf':
          setNewest(this.perf, event.model, event, b.models);
          break;
        case 'phase_mix':
          this.phaseMix = event;
          break;
        case 'phase':
          this.phases.push({ at: now, event });
          break;
        case 'prediction':
          this.predictions.push(event);
          break;
        case 'embedding':
          this.embeddings.push(event);
          break;
        case 'live_detection':
          this.addDetection(event);
          break;
      }
    }
  }

  /** What a new viewer is sent, in an order that builds the scenes sensibly. */
  replay(now: number): FleetEvent[] {
    const out: FleetEvent[] = [];
    if (this.snapshot) out.push(this.snapshot);
    out.push(...this.episodes.values(), ...this.profiles.values(), ...this.metrics.values());
    out.push(...this.perf.values());
    if (this.phaseMix) out.push(this.phaseMix);
    for (const { at, event } of this.phases.values())
      if (now - at <= this.bounds.phaseWindowMs) out.push(event);
    out.push(...this.predictions.values(), ...this.embeddings.values());
    for (const lane of this.lanes.values()) out.push(...lane);
    return out;
  }

  /** How many of each kind are held (for tests and the status page). */
  sizes(): Record<string, number> {
    let cells = 0;
    for (const lane of this.lanes.values()) cells += lane.length;
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
      cells,
    };
  }

  /**
   * Keeps the lane as the live store would draw it: a follow-up carrying
   * `actual` for a cell still held fills that cell instead of taking a slot.
   */
  private addDetection(event: Detection): void {
    const b = this.bounds;
    const lane = this.lanes.get(event.host_id) ?? [];
    if (event.actual !== undefined && event.episode_id !== undefined && event.window_idx !== undefined) {
      const at = lane.findLastIndex(
        (cell) => cell.episode_id === event.episode_id && cell.window_idx === event.window_idx,
      );
      if (at >= 0) {
        if (lane[at]!.actual === undefined) lane[at] = { ...lane[at]!, actual: event.actual };
        setNewest(this.lanes, event.host_id, lane, b.hosts);
        return;
      }
    }
    lane.push(event);
    if (lane.length > b.cellsPerHost) lane.splice(0, lane.length - b.cellsPerHost);
    setNewest(this.lanes, event.host_id, lane, b.hosts);
  }
}
