import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import type { StoreName } from '../../../src/store/stores.js';

function manualBus() {
  const queue: (() => void)[] = [];
  const bus = new FleetBus({ now: () => 1000, schedule: (cb) => queue.push(cb) });
  return {
    bus,
    runFrame: () => {
      for (const cb of queue.splice(0)) cb();
    },
    queue,
  };
}

describe('FleetBus', () => {
  it('returns the accepted count and records rejections with reasons', () => {
    const { bus } = manualBus();
    const n = bus.publish([
      { type: 'phase', phase: 'clean' },
      { type: 'phase' },
      { type: 'mystery' },
      { type: 'phase', phase: 'beaconing' },
    ]);
    expect(n).toBe(2);
    const d = bus.diagnostics;
    expect(d.accepted).toBe(2);
    expect(d.rejected).toBe(1);
    expect(d.lastRejections[0]).toEqual({ type: 'phase', field: 'phase', expected: 'string', got: 'absent' });
    expect(d.unknownTypes.get('mystery')).toBe(1);
    expect(d.vocabularyWarnings).toBe(1);
    expect(d.acceptedByType.get('phase')).toBe(2);
  });

  it('dispatches one DOM event per accepted type with that type’s events', () => {
    const { bus } = manualBus();
    const seen: unknown[] = [];
    bus.addEventListener('model_metric', (e) => seen.push((e as CustomEvent).detail));
    bus.publish([
      { type: 'model_metric', model: 'rnn', accuracy: 0.8 },
      { type: 'phase', phase: 'clean' },
      { type: 'model_metric', model: 'gru', accuracy: 0.9 },
    ]);
    expect(seen).toEqual([
      [
        { type: 'model_metric', model: 'rnn', accuracy: 0.8 },
        { type: 'model_metric', model: 'gru', accuracy: 0.9 },
      ],
    ]);
  });

  it('notifies changed stores at most once per frame', () => {
    const { bus, runFrame, queue } = manualBus();
    const notes: StoreName[][] = [];
    bus.onChange((changed) => notes.push([...changed].sort()));
    bus.publish({ type: 'phase', phase: 'clean' });
    bus.publish({ type: 'model_metric', model: 'rnn', accuracy: 0.8 });
    bus.publish({ type: 'phase', phase: 'armed' });
    expect(queue).toHaveLength(1);
    expect(notes).toEqual([]);
    runFrame();
    expect(notes).toEqual([['models', 'phaseMix']]);
    runFrame();
    expect(notes).toHaveLength(1);
  });

  it('stops notifying a listener whose signal aborted', () => {
    const { bus, runFrame } = manualBus();
    const controller = new AbortController();
    let calls = 0;
    bus.onChange(() => calls++, controller.signal);
    controller.abort();
    bus.publish({ type: 'phase', phase: 'clean' });
    runFrame();
    expect(calls).toBe(0);
  });

  it('decodes frames and counts dropped ones', () => {
    const { bus } = manualBus();
    expect(bus.publishFrame('{"type":"phase","phase":"clean"}\n{"type":"phase","phase":"armed"}')).toBe(2);
    expect(bus.publishFrame(new ArrayBuffer(4))).toBe(0);
    expect(bus.publishFrame('x'.repeat(2 * 1024 * 1024))).toBe(0);
    expect(bus.publishFrame('{not json')).toBe(0);
    expect(bus.diagnostics.droppedFrames).toEqual({ binary: 1, oversize: 1, garbage: 1, empty: 0 });
    expect(bus.diagnostics.frames).toBe(4);
    expect(bus.state.phaseMix.buckets[0]!.counts).toMatchObject({ clean: 1, armed: 1 });
  });

  it('announces source changes', () => {
    const { bus } = manualBus();
    let label = '';
    bus.addEventListener('source', () => (label = bus.source.label));
    bus.source = { kind: 'sim', label: 'simulator · seed 4', state: 'live' };
    expect(label).toBe('simulator · seed 4');
  });
});
