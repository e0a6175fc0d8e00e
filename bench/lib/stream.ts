import type { FleetEvent } from '../../src/contract/schemas.js';
import { FleetSimulator } from '../../src/sim/fleet-sim.js';

/** One WebSocket message and the events it carries. */
export interface Frame {
  readonly data: string;
  readonly events: number;
}

/** The fleet the benchmarks feed: big enough that lanes, episodes and hosts reach their bounds. */
export const BENCH_HOSTS = 200;
/** Simulated time per simulator tick (ms), as the deck's own source ticks. */
const TICK_MS = 100;

/**
 * An endless stream of contract events from the deck's seeded simulator
 * (200 hosts, its natural mix: detections with truth follow-ups, phases,
 * embeddings, episodes, snapshots, metrics), on a virtual clock so the
 * stream runs as fast as it is read. Episode ids keep growing, so bounded
 * stores are exercised as a real fleet would.
 */
export class SimEventStream {
  private readonly sim: FleetSimulator;
  private buffer: FleetEvent[] = [];
  private at = 0;
  private clock = 0;

  constructor(seed = 9, hosts = BENCH_HOSTS) {
    this.sim = new FleetSimulator({ seed, hosts });
  }

  /** The next `n` events. */
  take(n: number): FleetEvent[] {
    while (this.buffer.length - this.at < n) {
      this.buffer = this.buffer.slice(this.at);
      this.at = 0;
      for (const event of this.sim.tick(this.clock)) this.buffer.push(event);
      this.clock += TICK_MS;
    }
    const out = this.buffer.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** The next frame of `eventsPerFrame` events, serialised as a producer would send it. */
  nextFrame(eventsPerFrame: number): Frame {
    return serializeFrame(this.take(eventsPerFrame));
  }
}

/** One event as a JSON object, several as a JSON array (both are frames the contract allows). */
export function serializeFrame(events: readonly FleetEvent[]): Frame {
  const data = events.length === 1 ? JSON.stringify(events[0]) : JSON.stringify(events);
  return { data, events: events.length };
}

/**
 * Pre-serialised frames holding at least `minEvents` events, so a flood is
 * sent by cycling through them and the server never limits the page.
 */
export function framePool(eventsPerFrame: number, minEvents: number, seed = 9): Frame[] {
  const stream = new SimEventStream(seed);
  // Skip the simulator's opening burst (profiles, 800 embeddings) so the pool is the steady mix.
  stream.take(2000);
  const frames: Frame[] = [];
  let events = 0;
  while (events < minEvents) {
    const frame = stream.nextFrame(eventsPerFrame);
    frames.push(frame);
    events += frame.events;
  }
  return frames;
}
