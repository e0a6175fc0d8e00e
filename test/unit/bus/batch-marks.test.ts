import { describe, expect, it } from 'vitest';
import { BatchMarks } from '../../../src/bus/batch-marks.js';

describe('BatchMarks', () => {
  it("says where each batch's entries begin and end in the log, and moves the first moment up", () => {
    const marks = new BatchMarks();
    marks.restart(10);
    // Three batches: 10–13, none, 13–20.
    marks.push(13);
    marks.push(13);
    marks.push(20);
    expect([0, 1, 2, 3].map((i) => marks.before(i))).toEqual([10, 13, 13, 20]);
    expect([0, 1, 2].map((i) => marks.end(i))).toEqual([13, 13, 20]);
    // The first two batches leave: the old batch 2 is now batch 0.
    expect(marks.drop(2)).toBe(13);
    expect(marks.before(0)).toBe(13);
    expect(marks.end(0)).toBe(20);
    expect(marks.before(1)).toBe(20);
    marks.restart(20);
    expect(marks.before(0)).toBe(20);
  });
});
