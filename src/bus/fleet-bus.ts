import type { EventType, FleetEvent } from '../contract/schemas.js';
import { validateEvent } from '../contract/validate.js';
import { DEFAULT_MAX_FRAME_BYTES, decodeFrame } from '../contract/wire.js';
import { initialStores, reduceStores, type StoreName, type StoreState } from '../store/stores.js';
import { BusDiagnostics } from './diagnostics.js';
import { PAGE_SOURCE, type SourceInfo } from './source-info.js';

/** Detail of the per-type DOM event: the events of that type one publish accepted. */
export type AcceptedEvent<T extends EventType> = CustomEvent<Extract<FleetEvent, { type: T }>[]>;

/** Detail of the `change` event: which stores changed since the last notification. */
export type StoreChangeEvent = CustomEvent<ReadonlySet<StoreName>>;

export interface FleetBusOptions {
  /** Clock in ms (arrival times, rates); injectable for tests. */
  readonly now?: () => number;
  /** Schedules the change notification; defaults to one animation frame. */
  readonly schedule?: (callback: () => void) => void;
  /** Frame cap in bytes, checked before parsing (default 1 MiB). */
  readonly maxFrameBytes?: number;
  /** Embedding ring capacity (default 100,000). */
  readonly embeddingCapacity?: number;
}

function defaultSchedule(callback: () => void): void {
  // Hidden tabs get no animation frames; a timer keeps notifications (cheap) flowing.
  if (typeof requestAnimationFrame === 'function' && globalThis.document?.visibilityState !== 'hidden') {
    requestAnimationFrame(callback);
  } else {
    setTimeout(callback, 50);
  }
}

/**
 * The deck's event bus. Every source (simulator, WebSocket, replay, a page
 * calling `publish`) goes through it: decode, validate, reduce into the
 * stores, then notify scenes at most once per animation frame.
 *
 * @fires change - once per animation frame when stores changed; detail: the set of store names
 * @fires source - when the source info changes
 * @fires snapshot - (and every other event type) per publish, detail: that type's accepted events
 */
export class FleetBus extends EventTarget {
  /** The stores' current state. Replaced, never mutated in place (embeddings excepted, see its store). */
  state: StoreState;
  /** Counters for the diagnostics overlay. */
  readonly diagnostics = new BusDiagnostics();
  private sourceInfo: SourceInfo = PAGE_SOURCE;
  private readonly now: () => number;
  private readonly schedule: (callback: () => void) => void;
  private readonly maxFrameBytes: number;
  private pending = new Set<StoreName>();
  private scheduled = false;

  constructor(options: FleetBusOptions = {}) {
    super();
    this.now = options.now ?? (() => Date.now());
    this.schedule = options.schedule ?? defaultSchedule;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.state = initialStores({ embeddingCapacity: options.embeddingCapacity });
  }

  /** Where events come from now. */
  get source(): SourceInfo {
    return this.sourceInfo;
  }

  set source(info: SourceInfo) {
    this.sourceInfo = info;
    this.dispatchEvent(new CustomEvent('source', { detail: info }));
  }

  /** The bus clock (ms). */
  clock(): number {
    return this.now();
  }

  /**
   * Validates and applies one event or an array of events; returns how many
   * were accepted. Never throws: rejections are counted in `diagnostics`.
   * `atMs` stamps their arrival (default: the bus clock now); a warm start
   * gives each step of its history the time it would have arrived.
   */
  publish(input: unknown, atMs?: number): number {
    const candidates = Array.isArray(input) ? input : [input];
    const accepted: FleetEvent[] = [];
    for (const candidate of candidates) {
      const result = validateEvent(candidate);
      if (result.kind === 'accepted') {
        accepted.push(result.event);
        if (result.warnings.length > 0) this.diagnostics.countWarnings(result.warnings);
      } else if (result.kind === 'rejected') this.diagnostics.countRejected(result.rejection);
      else this.diagnostics.countUnknown(result.typeName);
    }
    if (accepted.length > 0) this.apply(accepted, atMs ?? this.now());
    return accepted.length;
  }

  /** Decodes a wire frame (object, array or NDJSON text; binary is ignored) and publishes it. */
  publishFrame(data: unknown): number {
    const frame = decodeFrame(data, { maxBytes: this.maxFrameBytes });
    this.diagnostics.countFrame(frame.dropped, frame.garbage, frame.detail);
    return frame.candidates.length > 0 ? this.publish(frame.candidates) : 0;
  }

  /**
   * Calls `listener` once per animation frame while stores change, until
   * `signal` aborts. The listener gets the names of the stores that changed.
   */
  onChange(listener: (changed: ReadonlySet<StoreName>) => void, signal?: AbortSignal): void {
    this.addEventListener('change', (e) => listener((e as StoreChangeEvent).detail), { signal });
  }

  /** Runs a pending change notification now (tests, print). */
  flush(): void {
    if (this.pending.size === 0) return;
    const changed = this.pending;
    this.pending = new Set();
    this.dispatchEvent(new CustomEvent('change', { detail: changed }));
  }

  private apply(events: FleetEvent[], now: number): void {
    const { state, changed } = reduceStores(this.state, events, now);
    this.state = state;
    const byType = new Map<EventType, FleetEvent[]>();
    for (const event of events) {
      const list = byType.get(event.type);
      if (list) list.push(event);
      else byType.set(event.type, [event]);
    }
    for (const [type, list] of byType) {
      this.diagnostics.countAccepted(type, list.length, now);
      this.dispatchEvent(new CustomEvent(type, { detail: list }));
    }
    for (const name of changed) this.pending.add(name);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }
}
