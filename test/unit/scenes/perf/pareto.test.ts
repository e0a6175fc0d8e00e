import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dominates, paretoFrontier } from '../../../../src/scenes/perf/pareto.js';
import { formatLatency, perfLayout } from '../../../../src/scenes/perf/perf-layout.js';

const p = (model: string, latency_us: number, accuracy: number) => ({ model, latency_us, accuracy });

describe('paretoFrontier', () => {
  it('excludes a dominated model and keeps the trade-offs, fastest first', () => {
    const points = [p('bert', 12000, 0.95), p('knn', 3500, 0.82), p('rnn', 800, 0.86), p('lstm', 1600, 0.92)];
    expect(paretoFrontier(points).map((q) => q.model)).toEqual(['rnn', 'lstm', 'bert']);
  });

  it('drops a point that only ties on one axis and loses on the other', () => {
    expect(
      paretoFrontier([p('a', 100, 0.9), p('b', 100, 0.8), p('c', 200, 0.9)]).map((q) => q.model),
    ).toEqual(['a']);
  });

  it('keeps two identical points (neither dominates the other)', () => {
    expect(paretoFrontier([p('a', 100, 0.9), p('b', 100, 0.9)])).toHaveLength(2);
  });

  it('agrees with the definition: on the frontier exactly when nothing dominates it', () => {
    const point = fc.record({
      model: fc.string({ minLength: 1, maxLength: 3 }),
      latency_us: fc.integer({ min: 1, max: 50 }),
      accuracy: fc.integer({ min: 0, max: 20 }).map((v) => v / 20),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 12 }), (points) => {
        const frontier = new Set(paretoFrontier(points));
        for (const q of points) {
          const dominated = points.some((o) => dominates(o, q));
          expect(frontier.has(q)).toBe(!dominated);
        }
      }),
    );
  });
});

describe('perfLayout', () => {
  it('maps latency on a log axis and accuracy on a linear one inside the plot', () => {
    const layout = perfLayout([p('rnn', 60, 0.85), p('lstm', 120, 0.93), p('bert', 9600, 0.96)], 1000, 600);
    const { left, right, top, bottom } = layout.plot;
    const [lo, hi] = layout.x.domain() as [number, number];
    expect(lo).toBeCloseTo(60 / 1.6);
    expect(hi).toBeCloseTo(9600 * 1.6);
    expect((layout.x(120) - left) / (right - left)).toBeCloseTo(Math.log(120 / lo) / Math.log(hi / lo), 9);
    for (const d of layout.dots) {
      expect(d.cx).toBeGreaterThan(left);
      expect(d.cx).toBeLessThan(right);
      expect(d.cy).toBeGreaterThan(top);
      expect(d.cy).toBeLessThan(bottom);
    }
  });

  it('gives a single point a decade of air and never runs past 100%', () => {
    const layout = perfLayout([p('only', 1000, 0.995)], 800, 500);
    const [lo, hi] = layout.x.domain() as [number, number];
    expect(lo).toBeCloseTo(1000 / 3);
    expect(hi).toBeCloseTo(3000);
    expect(layout.y.domain()[1]).toBe(1);
    expect(layout.frontierPath).toBe('');
  });

  it('labels the latency ticks in the unit that reads best', () => {
    expect(formatLatency(120)).toBe('120 µs');
    expect(formatLatency(1600)).toBe('1.6 ms');
    expect(formatLatency(12000)).toBe('12 ms');
    expect(formatLatency(2_000_000)).toBe('2 s');
    const layout = perfLayout([p('a', 800, 0.8), p('b', 12000, 0.9)], 1400, 700);
    // Domain 800/1.6 … 12000×1.6 µs: the 1-2-5 ticks inside it.
    expect(layout.xTicks.map((t) => t.label)).toEqual(['500 µs', '1 ms', '2 ms', '5 ms', '10 ms']);
  });
});
