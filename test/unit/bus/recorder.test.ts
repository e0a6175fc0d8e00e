import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { Recorder, recorderFor, recordingFileName } from '../../../src/bus/recorder.js';
import { parseRecording } from '../../../src/bus/replay-source.js';
import { FakeClock } from './support/fakes.js';

function setup(maxEvents?: number) {
  const clock = new FakeClock();
  clock.time = 1_000_000;
  const bus = new FleetBus({ now: clock.now, schedule: () => {} });
  const recorder = new Recorder(bus, { maxEvents });
  return { clock, bus, recorder };
}

describe('Recorder', () => {
  it('records accepted events with arrival times as NDJSON, t first', () => {
    const { clock, bus, recorder } = setup();
    bus.publish({ type: 'phase', phase: 'armed' });
    recorder.start();
    expect(recorder.recording).toBe(true);
    clock.advance(40);
    bus.publish([
      { type: 'live_detection', host_id: 'h1', predicted: 'armed', extra: 'ignored' },
      { type: 'model_metric', model: 'gru', accuracy: 0.9 },
    ]);
    bus.publish({ type: 'phase', phase: 42 });
    bus.publish({ type: 'mystery' });
    clock.advance(1500);
    bus.publishFrame('{"type":"phase","phase":"dormant"}');
    recorder.stop();
    bus.publish({ type: 'phase', phase: 'clean' });
    expect(recorder.recording).toBe(false);
    expect(recorder.count).toBe(3);
    expect(recorder.durationMs).toBe(1540);
    const lines = recorder.toNdjson().trimEnd().split('\n');
    expect(lines).toEqual([
      '{"t":40,"type":"live_detection","host_id":"h1","predicted":"armed"}',
      '{"t":40,"type":"model_metric","model":"gru","accuracy":0.9}',
      '{"t":1540,"type":"phase","phase":"dormant"}',
    ]);
  });

  it('makes recordings the replay reads back', () => {
    const { clock, bus, recorder } = setup();
    recorder.start();
    for (let i = 0; i < 5; i++) {
      bus.publish({ type: 'embedding', x: i / 10, y: 0.5 });
      clock.advance(250);
    }
    recorder.stop();
    const parsed = parseRecording(recorder.toNdjson());
    expect(parsed.garbage).toBe(0);
    expect(parsed.lines.map((l) => l.t)).toEqual([0, 250, 500, 750, 1000]);
    const replayed = new FleetBus({ schedule: () => {} });
    replayed.publish(parsed.lines.map((l) => l.event));
    expect(replayed.diagnostics.accepted).toBe(5);
    expect(replayed.state.embeddings.count).toBe(5);
  });

  it('stops at its cap so memory stays bounded', () => {
    const { bus, recorder } = setup(10);
    recorder.start();
    for (let i = 0; i < 4; i++)
      bus.publish(Array.from({ length: 3 }, () => ({ type: 'phase', phase: 'clean' })));
    expect(recorder.count).toBe(10);
    expect(recorder.full).toBe(true);
    expect(recorder.recording).toBe(false);
    // A new start discards the old recording.
    recorder.start();
    expect(recorder.count).toBe(0);
    expect(recorder.full).toBe(false);
  });

  it('is one per bus, so closing the overlay keeps a recording going', () => {
    const bus = new FleetBus({ schedule: () => {} });
    expect(recorderFor(bus)).toBe(recorderFor(bus));
    expect(recorderFor(new FleetBus({ schedule: () => {} }))).not.toBe(recorderFor(bus));
  });

  it('names files by date and time', () => {
    expect(recordingFileName(new Date(2026, 0, 2, 3, 4, 5))).toBe('fleet-recording-20260102-030405.ndjson');
  });
});
