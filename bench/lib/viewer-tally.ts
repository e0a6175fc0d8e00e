import { readBusControl } from '../../src/contract/bus-protocol.js';

/** Wall clock with sub-millisecond precision (producer and viewers share one process). */
export const wallNow = () => performance.timeOrigin + performance.now();

/** What every viewer counts. */
export interface Tally {
  events: number;
  /** Events counted, by `type`. */
  readonly byType: Record<string, number>;
  latencies: number[];
}

/** A tally of nothing yet. */
export const emptyTally = (): Tally => ({ events: 0, byType: {}, latencies: [] });

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
  for (const event of list as { type?: unknown; t_wall?: number }[]) {
    tally.events++;
    const type = String(event.type);
    tally.byType[type] = (tally.byType[type] ?? 0) + 1;
    // The producer stamps each detection's t_wall with wallNow() as it posts.
    if (event.type === 'live_detection' && typeof event.t_wall === 'number')
      tally.latencies.push(at - event.t_wall);
  }
}

/**
 * Deliveries missing over every viewer, by event type, of `sent` events each:
 * a stream that keeps only the newest message per key drops an update a
 * lagging viewer has not read yet, so which types are missing says whether
 * data was lost or only superseded.
 */
export function missingByType(
  tallies: readonly Tally[],
  sent: readonly { type: string }[],
): Record<string, number> {
  const perViewer: Record<string, number> = {};
  for (const event of sent) perViewer[event.type] = (perViewer[event.type] ?? 0) + 1;
  const missing: Record<string, number> = {};
  for (const tally of tallies)
    for (const [type, count] of Object.entries(perViewer)) {
      const short = count - (tally.byType[type] ?? 0);
      if (short > 0) missing[type] = (missing[type] ?? 0) + short;
    }
  return missing;
}
