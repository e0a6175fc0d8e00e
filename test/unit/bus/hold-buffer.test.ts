import { describe, expect, it } from 'vitest';
import { HoldBuffer } from '../../../src/bus/hold-buffer.js';
import type { FleetEvent } from '../../../src/contract/schemas.js';

const phase = (i: number): FleetEvent => ({ type: 'phase', phase: `p${i}` }) as FleetEvent;
const batch = (from: number, n: number) => Array.from({ length: n }, (_, i) => phase(from + i));

describe('HoldBuffer', () => {
  it('holds batches in order and drains them whole', () => {
    const hold = new HoldBuffer(10);
    hold.push(batch(0, 3));
    hold.push(batch(3, 2));
    expect(hold.held).toBe(5);
    const drained = hold.drain().flat();
    expect(drained.map((e) => (e as { phase: string }).phase)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(hold.held).toBe(0);
    expect(hold.drain()).toEqual([]);
  });

  it('past its capacity drops the oldest events, counting them', () => {
    const hold = new HoldBuffer(5);
    hold.push(batch(0, 3));
    expect(hold.push(batch(3, 4))).toBe(2);
    expect(hold.held).toBe(5);
    expect(hold.dropped).toBe(2);
    expect(hold.push(batch(7, 6))).toBe(6);
    expect(hold.dropped).toBe(8);
    const kept = hold
      .drain()
      .flat()
      .map((e) => (e as { phase: string }).phase);
    expect(kept).toEqual(['p8', 'p9', 'p10', 'p11', 'p12']);
  });
});
