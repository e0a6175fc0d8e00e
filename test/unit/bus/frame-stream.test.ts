import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { encodeEventsFrame, encodeRebuild, encodeResume } from '../../../src/contract/bus-protocol.js';
import { FakeClock } from './support/fakes.js';

const detection = (host: string, i: number) =>
  JSON.stringify({ type: 'live_detection', host_id: host, predicted: 'armed', window_idx: i });

function setup() {
  const clock = new FakeClock();
  const bus = new FleetBus({ now: clock.now, schedule: () => {}, timers: clock });
  const resyncs: string[] = [];
  const stream = bus.openStream({ onResync: (kind) => resyncs.push(kind) });
  return { clock, bus, stream, resyncs };
}

describe('FrameStream: the numbered stream of the project bus', () => {
  it('applies numbered events, moves its cursor, and counts heartbeats apart', () => {
    const { clock, bus, stream } = setup();
    stream.push(encodeRebuild('run1', 0, 'join'));
    stream.push(encodeEventsFrame('run1', 1, [detection('h1', 0), detection('h1', 1)]));
    stream.push('[]');
    clock.advance(0);
    expect(bus.state.live.total).toBe(2);
    expect(stream.cursor).toEqual({ run: 'run1', seq: 2 });
    expect(bus.diagnostics.heartbeats).toBe(1);
    // A first join is no resync.
    expect(bus.diagnostics.rebuilds).toBe(0);
  });

  it('skips numbered events it already applied, so a resume cannot count twice', () => {
    const { clock, bus, stream, resyncs } = setup();
    stream.push(encodeEventsFrame('r', 1, [detection('h1', 0), detection('h1', 1), detection('h1', 2)]));
    clock.advance(0);
    // The bus resumes from 2 (the deck asked before its last frames were applied, say).
    stream.push(encodeResume('r', 2));
    stream.push(encodeEventsFrame('r', 3, [detection('h1', 2), detection('h1', 3)]));
    clock.advance(0);
    expect(bus.state.live.total).toBe(4);
    expect(bus.diagnostics.duplicatesSkipped).toBe(1);
    expect(bus.diagnostics.resumes).toBe(1);
    expect(resyncs).toEqual(['resume']);
    expect(stream.cursor).toEqual({ run: 'r', seq: 4 });
  });

  it('rebuilds: what it held goes, the present that follows is what it holds', () => {
    const { clock, bus, stream, resyncs } = setup();
    stream.push(encodeEventsFrame('old', 1, [detection('h1', 0), detection('h2', 0)]));
    clock.advance(0);
    expect(bus.state.live.total).toBe(2);
    stream.push(encodeRebuild('new', 7, 'restarted'));
    stream.push(`[${detection('h3', 0)}]`);
    clock.advance(0);
    expect(bus.state.live.hosts).toEqual(['h3']);
    expect(bus.state.live.total).toBe(1);
    expect(bus.diagnostics).toMatchObject({ rebuilds: 1, lastRebuildReason: 'restarted' });
    expect(resyncs).toEqual(['rebuild']);
    expect(stream.cursor).toEqual({ run: 'new', seq: 7 });
  });

  it('takes plain frames from other servers as before, and ignores lookalikes that are not controls', () => {
    const { clock, bus, stream } = setup();
    stream.push(detection('h1', 0));
    stream.push(JSON.stringify({ bus: 'events', run: 'x', seq: -1, events: [] }));
    stream.push(JSON.stringify({ bus: 'rebuild', type: 'phase', run: 'x', seq: 1 }));
    clock.advance(0);
    expect(bus.state.live.total).toBe(1);
    expect(stream.cursor).toBeUndefined();
    // The lookalikes went the ordinary way: as events, rejected or unknown.
    expect(bus.diagnostics.rejected + bus.diagnostics.unknown).toBe(2);
  });

  it('drops what is queued when closed', () => {
    const { clock, bus, stream } = setup();
    stream.push(detection('h1', 0));
    stream.close();
    stream.push(detection('h2', 0));
    clock.advance(0);
    expect(bus.state.live.total).toBe(0);
  });
});

describe('FleetBus: one boundary', () => {
  it('keeps state read-only from outside and replaces it whole on rebuild', () => {
    const clock = new FakeClock();
    const notified: string[][] = [];
    const bus = new FleetBus({ now: clock.now, schedule: (f) => clock.setTimeout(f, 0), timers: clock });
    bus.onChange((changed) => notified.push([...changed]));
    bus.publish({ type: 'live_detection', host_id: 'h1', predicted: 'armed' });
    expect(() => {
      (bus as { state: unknown }).state = {};
    }).toThrow();
    const other = new FleetBus();
    other.publish({ type: 'phase', phase: 'armed' });
    bus.rebuild(other.state);
    clock.advance(0);
    expect(bus.state).toBe(other.state);
    expect(notified.at(-1)!.sort()).toEqual(Object.keys(other.state).sort());
    bus.rebuild();
    expect(bus.state.live.total).toBe(0);
  });

  it('ingestFrame batches frames and owns their counters', () => {
    const clock = new FakeClock();
    const bus = new FleetBus({ now: clock.now, schedule: () => {}, timers: clock });
    bus.ingestFrame(detection('h1', 0));
    bus.ingestFrame(new ArrayBuffer(4));
    expect(bus.diagnostics.frames).toBe(0);
    clock.advance(0);
    expect(bus.diagnostics.frames).toBe(2);
    expect(bus.diagnostics.droppedFrames.binary).toBe(1);
    expect(bus.state.live.total).toBe(1);
  });
});

/**
 * A bus fed `count` frames of 300 detections on one stream, whose publishes
 * each "take" 5 ms of the fake clock (a drain yields after one: its budget is
 * 4 ms); animation frames are asked for through `requestFrame`.
 */
function backlog(count: number, requestFrame: (callback: (sinceFrameMs: number) => void) => void) {
  const clock = new FakeClock();
  const timers = {
    setTimeout: clock.setTimeout.bind(clock),
    clearTimeout: clock.clearTimeout.bind(clock),
    requestFrame,
  };
  const bus = new FleetBus({ now: clock.now, schedule: () => {}, timers });
  const publish = bus.publish.bind(bus);
  bus.publish = (input: unknown) => {
    clock.time += 5;
    return publish(input);
  };
  const stream = bus.openStream();
  for (let n = 0; n < count; n++)
    stream.push(JSON.stringify(Array.from({ length: 300 }, (_, i) => JSON.parse(detection(`h${n}`, i)))));
  return { clock, bus };
}

describe('FrameStream: room for frames', () => {
  it('waits for the next animation frame once a backlog has had its ingest time for this one', () => {
    const frames: ((sinceFrameMs: number) => void)[] = [];
    const { clock, bus } = backlog(6, (callback) => frames.push(callback));
    // Drains go on while the next frame is expected to end within 12 ms of the backlog's start:
    // two of 5 ms each. A third would end at 15 ms, into the next vsync, so it waits.
    clock.advance(20);
    expect(bus.diagnostics.frames).toBe(2);
    expect(frames).toHaveLength(1);
    // The frame renders; the drains queued from its callback run after it, the time counted from the frame.
    frames.shift()!(0);
    clock.advance(20);
    expect(bus.diagnostics.frames).toBe(4);
    frames.shift()!(0);
    clock.advance(20);
    expect(bus.diagnostics.frames).toBe(6);
    expect(bus.state.live.total).toBe(1800);
  });

  it("counts a frame's ingest share from when the frame began, not from when its callback ran", () => {
    const frames: ((sinceFrameMs: number) => void)[] = [];
    const { clock, bus } = backlog(6, (callback) => frames.push(callback));
    clock.advance(20);
    expect(bus.diagnostics.frames).toBe(2);
    // The callback runs 5 ms into its frame (a scene drew first): the share ends 7 ms from now,
    // so one 5-ms frame fits and a second, ending 10 ms from now, waits for the next animation frame.
    frames.shift()!(5);
    clock.advance(20);
    expect(bus.diagnostics.frames).toBe(3);
    frames.shift()!(0);
    clock.advance(20);
    expect(bus.diagnostics.frames).toBe(5);
  });

  it('goes on a share at a time when a frame is overdue: a slow compositor does not hold ingest', () => {
    // Frames are asked for and never come (4–6 vsyncs apart under SwiftShader, here never).
    const { clock, bus } = backlog(8, () => {});
    clock.advance(20);
    expect(bus.diagnostics.frames).toBe(2);
    // Two vsyncs (33 ms) after the backlog began, the frame is overdue: the next share of ingest.
    // There is no vsync left to keep, so the share's last frame may end past it: three frames.
    clock.advance(30);
    expect(bus.diagnostics.frames).toBe(5);
    clock.advance(40);
    expect(bus.diagnostics.frames).toBe(8);
    expect(bus.state.live.total).toBe(2400);
  });
});
