import { describe, expect, it } from 'vitest';
import { emptyTally, missingByType, tallyText, wallNow } from '../../../bench/lib/viewer-tally.js';
import {
  encodeEventsFrame,
  encodeRebuild,
  encodeResume,
  HEARTBEAT_FRAME,
} from '../../../src/contract/bus-protocol.js';

const detection = (tWall: number) =>
  JSON.stringify({ type: 'live_detection', host_id: 'h-1', predicted: 'recon', t_wall: tWall });
const phase = JSON.stringify({ type: 'phase', phase: 'recon' });
const episode = JSON.stringify({ type: 'episode', episode_id: 'ep-1', status: 'recording' });
const snapshot = JSON.stringify({ type: 'snapshot', hosts: [] });

/** What the fanout bench's viewers count: the events a frame carries, whichever bus sent it. */
describe('tallyText', () => {
  it("counts the events of the local bus's numbered frames, not the frames", () => {
    const tally = emptyTally();
    tallyText(tally, encodeEventsFrame('run1', 1, [phase, phase, phase]));
    tallyText(tally, encodeEventsFrame('run1', 4, [phase, detection(0)]));
    expect(tally.events).toBe(5);
    expect(tally.byType).toEqual({ phase: 4, live_detection: 1 });
  });

  it('counts nothing for control frames and heartbeats', () => {
    const tally = emptyTally();
    tallyText(tally, encodeRebuild('run1', 0, 'join'));
    tallyText(tally, encodeResume('run1', 9));
    tallyText(tally, HEARTBEAT_FRAME);
    expect(tally.events).toBe(0);
  });

  it('counts a NATS message as one event and a plain array by its length', () => {
    const tally = emptyTally();
    tallyText(tally, phase);
    tallyText(tally, `[${phase},${phase}]`);
    expect(tally.events).toBe(3);
  });

  it("takes each stamped detection's latency, inside numbered frames too", () => {
    const tally = emptyTally();
    const stamp = wallNow() - 250;
    tallyText(tally, encodeEventsFrame('run1', 1, [detection(stamp), phase]));
    tallyText(tally, detection(stamp));
    expect(tally.latencies).toHaveLength(2);
    for (const ms of tally.latencies) {
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(5_000);
    }
  });

  it('says which types each viewer missed, over every viewer', () => {
    const sent = [{ type: 'episode' }, { type: 'episode' }, { type: 'phase' }, { type: 'snapshot' }];
    const [all, lagging] = [emptyTally(), emptyTally()];
    for (const text of [episode, episode, phase, snapshot]) tallyText(all, text);
    for (const text of [episode, phase]) tallyText(lagging, text);
    expect(missingByType([all, lagging], sent)).toEqual({ episode: 1, snapshot: 1 });
    expect(missingByType([all], sent)).toEqual({});
  });
});
