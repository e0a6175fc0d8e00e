import { describe, expect, it, vi } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { TimeControl } from '../../../src/bus/time-control.js';
import { PointBuffer } from '../../../src/store/point-columns.js';
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

describe('FleetBus, embeddings (carried in columns)', () => {
  const point = (i: number, extra: Record<string, unknown> = {}) => ({
    type: 'embedding',
    x: i / 7,
    y: 0.25,
    phase: 'infecting',
    ...extra,
  });

  it('dispatches the accepted points as events, in order, those taking the usual path among them', () => {
    const { bus } = manualBus();
    const seen: unknown[] = [];
    bus.addEventListener('embedding', (e) => seen.push(...(e as CustomEvent<unknown[]>).detail));
    const n = bus.publish([
      point(1),
      point(2, { x: 1 + 1e-10 }), // clamped, with a warning: validated the usual way
      { type: 'phase', phase: 'clean' },
      point(3, { phase: 'beaconing', stray: true }), // an unknown phase (a warning); the stray key stripped
      point(4, { x: 'far' }), // rejected
      point(5, { cluster: -1, z: 0 }),
    ]);
    expect(n).toBe(5);
    expect(seen).toEqual([
      point(1),
      point(2, { x: 1 }),
      point(3, { phase: 'beaconing' }),
      point(5, { cluster: -1, z: 0 }),
    ]);
    const ring = bus.state.embeddings;
    expect(Array.from(ring.positions.subarray(0, 12).filter((_, i) => i % 3 === 0))).toEqual(
      [1 / 7, 1, 3 / 7, 5 / 7].map(Math.fround),
    );
    expect(ring.labels[ring.phase[2]!]).toBe('beaconing');
    expect(bus.diagnostics.acceptedByType.get('embedding')).toBe(4);
    expect(bus.diagnostics.rejected).toBe(1);
    expect(bus.diagnostics.vocabularyWarnings).toBe(2);
  });

  it('holds its own copy: a page that changes its objects after publishing changes nothing held', () => {
    const { bus } = manualBus();
    const time = new TimeControl(bus, { now: () => 1000 });
    const page = [point(1, { cluster: 4 }), point(2)];
    bus.publish(page);
    const seen: unknown[] = [];
    bus.addEventListener('embedding', (e) => seen.push(...(e as CustomEvent<unknown[]>).detail));
    for (const event of page) Object.assign(event, { x: 0.99, phase: 'armed', cluster: 9 });
    bus.publish([point(3)]);
    const ring = bus.state.embeddings;
    expect(Array.from(ring.positions.subarray(0, 9))).toEqual(
      [1 / 7, 0.25, 0.5, 2 / 7, 0.25, 0.5, 3 / 7, 0.25, 0.5].map(Math.fround),
    );
    expect([0, 1].map((i) => ring.labels[ring.phase[i]!])).toEqual(['infecting', 'infecting']);
    expect(ring.cluster[0]).toBe(4);
    expect(seen).toEqual([point(3)]);
    // History rebuilds the points as they were published.
    const past = time.history.stateAt(1000).embeddings;
    expect(Array.from(past.positions.subarray(0, 9))).toEqual(Array.from(ring.positions.subarray(0, 9)));
    time.detach();
  });

  it('makes no event per point when no listener reads them', () => {
    const { bus } = manualBus();
    const made = vi.spyOn(PointBuffer.prototype, 'toEvents');
    try {
      let dispatched = 0;
      bus.addEventListener('embedding', () => dispatched++);
      bus.publish(Array.from({ length: 1000 }, (_, i) => point(i % 7)));
      expect(dispatched).toBe(1);
      expect(bus.state.embeddings.count).toBe(1000);
      expect(made).not.toHaveBeenCalled();
    } finally {
      made.mockRestore();
    }
  });

  it('says so when a kept event is read after the next publish, rather than give other points', () => {
    const { bus } = manualBus();
    const kept: CustomEvent<unknown[]>[] = [];
    bus.addEventListener('embedding', (e) => kept.push(e as CustomEvent<unknown[]>));
    bus.publish([point(1)]);
    bus.publish([point(2)]);
    expect(kept[1]!.detail).toEqual([point(2)]);
    expect(() => kept[0]!.detail).toThrow(/read while it is dispatched/);
  });

  it('keeps a publish’s points for every listener when one of them publishes more', () => {
    const { bus } = manualBus();
    const seen: unknown[][] = [];
    let again = true;
    bus.addEventListener('embedding', () => {
      if (again) {
        again = false;
        bus.publish([point(6)]);
      }
    });
    bus.addEventListener('embedding', (e) => seen.push((e as CustomEvent<unknown[]>).detail));
    bus.publish([point(1), point(2)]);
    expect(seen).toEqual([[point(6)], [point(1), point(2)]]);
    expect(bus.state.embeddings.count).toBe(3);
  });
});
