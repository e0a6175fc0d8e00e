import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../../src/contract/schemas.js';
import { groupEvents } from '../../../src/store/group-events.js';

const phase = (p: string) => ({ type: 'phase', phase: p }) as FleetEvent;
const point = (x: number) => ({ type: 'embedding', x, y: 0 }) as FleetEvent;

describe('groupEvents', () => {
  it('groups by key in order within each group', () => {
    const events = [phase('a'), point(1), phase('b'), point(2), phase('c')];
    const groups = groupEvents(events, (type) => type);
    expect([...groups.keys()]).toEqual(['phase', 'embedding']);
    expect(groups.get('phase')).toEqual([phase('a'), phase('b'), phase('c')]);
    expect(groups.get('embedding')).toEqual([point(1), point(2)]);
  });

  it('merges types that share a key', () => {
    const groups = groupEvents([phase('a'), point(1), phase('b')], () => 'one');
    expect(groups.get('one')).toHaveLength(3);
  });

  it('hands a batch of one type on as it is, not a copy', () => {
    const events = [point(1), point(2), point(3)];
    expect(groupEvents(events, (type) => type).get('embedding')).toBe(events);
  });

  it('gives nothing for nothing', () => {
    expect(groupEvents([], (type) => type).size).toBe(0);
  });
});
