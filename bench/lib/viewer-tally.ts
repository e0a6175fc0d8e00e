import { readBusControl } from '../../src/contract/bus-protocol.js';

/** Wall clock with sub-millisecond precision (producer and viewers share one process). */
export const wallNow = () => performance.timeOrigin + performance.now();

/** What every viewer counts. */
export interface Tally {
  events: number;
  latencies: number[];
}

/**
 * Counts the events of one frame: a NATS message (one event), or a frame of
 * the local bus's numbered stream (README, "The bus protocol"), whose control
 * frames (rebuild, resume) and heartbeats hold none.
 */
export function tallyText(tally: Tally, text: string): void {
  const parsed: unknown = JSON.parse(text);
  const control = readBusControl(parsed);
  if (control && control.kind !== 'events') return;
  const list = control ? control.events : Array.isArray(parsed) ? parsed : [parsed];
  const at = wallNow();
  for (const event of list as { type?: string; t_wall?: number }[]) {
    tally.events++;
    // The producer stamps each detection's t_wall with wallNow() as it posts.
    if (event.type === 'live_detection' && typeof event.t_wall === 'number')
      tally.latencies.push(at - event.t_wall);
  }
}
