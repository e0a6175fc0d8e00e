/**
 * Child process of the rewind scenario: feeds a FleetBus ten minutes of the
 * simulator's mix at 5,000 events/s on a virtual clock (validated and
 * reduced as the deck does, in 50-event frames), with time control plugged
 * in (`--rewind`) or not, and prints one JSON line: the heap after a forced
 * GC at minute 5 and minute 10, what the history holds, and how long seeks
 * take. Run with `node --expose-gc`.
 */
import { performance } from 'node:perf_hooks';
import { FleetBus } from '../../src/bus/fleet-bus.js';
import { TimeControl } from '../../src/bus/time-control.js';
import { SimEventStream } from '../lib/stream.js';

const EVENTS_PER_SECOND = 5_000;
const FRAME_EVENTS = 50;
const MINUTES = Number(process.argv.find((a) => a.startsWith('--minutes='))?.slice(10) ?? 10);
const rewind = process.argv.includes('--rewind');

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function main(): void {
  let now = 1_000_000;
  const bus = new FleetBus({ now: () => now, schedule: () => undefined });
  const time = rewind ? new TimeControl(bus, { now: () => now }) : undefined;
  const stream = new SimEventStream(21);
  stream.take(2_000); // the simulator's opening burst
  const frameMs = (FRAME_EVENTS / EVENTS_PER_SECOND) * 1000;
  const framesPerMinute = (60_000 / frameMs) | 0;
  const heaps: number[] = [];
  const t0 = performance.now();
  for (let minute = 1; minute <= MINUTES; minute++) {
    for (let f = 0; f < framesPerMinute; f++) {
      bus.publish(stream.take(FRAME_EVENTS));
      now += frameMs;
    }
    bus.flush();
    if (minute === Math.ceil(MINUTES / 2) || minute === MINUTES) heaps.push(heapAfterGc());
  }
  const feedSeconds = (performance.now() - t0) / 1000;
  const result: Record<string, unknown> = {
    rewind,
    minutes: MINUTES,
    events: bus.diagnostics.accepted,
    rejected: bus.diagnostics.rejected,
    heapHalf: heaps[0],
    heapEnd: heaps[heaps.length - 1],
    feedSeconds,
  };
  if (time) {
    const history = time.history;
    // Seeks across the history (paused, as the deck seeks), timed; the slowest and the median.
    time.pause();
    const seeks: number[] = [];
    for (let i = 0; i <= 20; i++) {
      const t = history.start + ((history.end - history.start) * i) / 20;
      const s0 = performance.now();
      time.seek(t);
      seeks.push(performance.now() - s0);
    }
    seeks.sort((a, b) => a - b);
    result.history = {
      events: history.events,
      spanMs: history.end - history.start,
      checkpoints: history.checkpointCount,
    };
    result.seekMedianMs = seeks[seeks.length >> 1];
    result.seekMaxMs = seeks[seeks.length - 1];
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
