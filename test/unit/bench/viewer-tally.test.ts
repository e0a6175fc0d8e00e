import { describe, expect, it } from 'vitest';
import { type Tally, tallyText, wallNow } from '../../../bench/lib/viewer-tally.js';
import {
  encodeEventsFrame,
  encodeRebuild,
  encodeResume,
  HEARTBEAT_FRAME,
} from '../../../src/contract/bus-protocol.js';

const fresh = (): Tally => ({ events: 0, latencies: [] });
const detection = (tWall: number) =>
  JSON.stringify({ type: 'live_detection', host_id: 'h-1', predicted: 'recon', t_wall: tWall });
const phase = JSON.stringify({ type: 'phase', phase: 'recon' });

/** What the fanout bench's viewers count: the events a frame carries, whichever bus sent it. */
describe('tallyText', () => {
  it("counts the events of the local bus's numbered frames, not the frames", () => {
    const tally = fresh();
    tallyText(tally, encodeEventsFrame('run1', 1, [phase, phase, phase]));
    tallyText(tally, encodeEventsFrame('run1', 4, [phase, phase]));
    expect(tally.events).toBe(5);
  });

  it('counts nothing for control frames and heartbeats', () => {
    const tally = fresh();
    tallyText(tally, encodeRebuild('run1', 0, 'join'));
    tallyText(tally, encodeResume('run1', 9));
    tallyText(tally, HEARTBEAT_FRAME);
    expect(tally.events).toBe(0);
  });

  it('counts a NATS message as one event and a plain array by its length', () => {
    const tally = fresh();
    tallyText(tally, phase);
    tallyText(tally, `[${phase},${phase}]`);
    expect(tally.events).toBe(3);
  });

  it("takes each stamped detection's latency, inside numbered frames too", () => {
    const tally = fresh();
    const stamp = wallNow() - 250;
    tallyText(tally, encodeEventsFrame('run1', 1, [detection(stamp), phase]));
    tallyText(tally, detection(stamp));
    expect(tally.latencies).toHaveLength(2);
    for (const ms of tally.latencies) {
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(5_000);
    }
  });
});
