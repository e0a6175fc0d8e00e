import { describe, expect, it } from 'vitest';
import { focusMove } from '../../../../src/scenes/live/fleet-layout.js';

describe('focusMove: the fleet view keyboard', () => {
  it('moves by a row, a page of ten, or to either end, clamped to the rows', () => {
    expect(focusMove('ArrowDown', 4, 100)).toBe(5);
    expect(focusMove('ArrowUp', 4, 100)).toBe(3);
    expect(focusMove('PageDown', 4, 100)).toBe(14);
    expect(focusMove('PageUp', 4, 100)).toBe(0);
    expect(focusMove('PageDown', 95, 100)).toBe(99);
    expect(focusMove('Home', 40, 100)).toBe(0);
    expect(focusMove('End', 40, 100)).toBe(99);
    expect(focusMove('ArrowUp', 0, 1)).toBe(0);
    expect(focusMove('End', 0, 0)).toBeUndefined();
  });

  it('leaves every other key alone', () => {
    for (const key of ['Enter', 'ArrowLeft', ' ', 'a', 'constructor', 'toString'])
      expect(focusMove(key, 3, 10)).toBeUndefined();
  });
});
