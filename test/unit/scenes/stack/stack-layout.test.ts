import { describe, expect, it } from 'vitest';
import { STACK_STAGES } from '../../../../src/content/deck-text.js';
import { type Box, layoutStack, wrapWords } from '../../../../src/scenes/stack/stack-layout.js';

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('layoutStack', () => {
  const layout = layoutStack(1472, 620);

  it('places every stage once, in flow order, inside the drawing, without overlaps', () => {
    expect(layout.nodes.map((n) => n.stage)).toEqual([...STACK_STAGES]);
    expect(layout.nodes.map((n) => n.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const boxes: Box[] = [...layout.nodes, layout.legend];
    for (const [i, a] of boxes.entries()) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y).toBeGreaterThanOrEqual(0);
      expect(a.x + a.w).toBeLessThanOrEqual(1472 + 1e-6);
      expect(a.y + a.h).toBeLessThanOrEqual(620 + 1e-6);
      for (const b of boxes.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
    }
  });

  it('draws one arrow between consecutive stages, from the edge of one to the edge of the next', () => {
    expect(layout.arrows.map((a) => [a.from, a.to])).toEqual(
      STACK_STAGES.slice(0, -1).map((s, i) => [s, STACK_STAGES[i + 1]]),
    );
    for (const arrow of layout.arrows) {
      const [, x1, y1, x2, y2] = /^M([\d.]+),([\d.]+) L([\d.]+),([\d.]+)$/.exec(arrow.path)!.map(Number);
      const from = layout.nodes.find((n) => n.stage === arrow.from)!;
      const to = layout.nodes.find((n) => n.stage === arrow.to)!;
      const near = (x: number, y: number, b: Box) =>
        x >= b.x - 12 && x <= b.x + b.w + 12 && y >= b.y - 12 && y <= b.y + b.h + 12;
      expect(near(x1!, y1!, from)).toBe(true);
      expect(near(x2!, y2!, to)).toBe(true);
    }
  });
});

describe('wrapWords', () => {
  it('breaks at word boundaries into at most the given lines', () => {
    expect(wrapWords('labelled windows', 11)).toEqual(['labelled', 'windows']);
    expect(wrapWords('telemetry', 11)).toEqual(['telemetry']);
    expect(wrapWords('a b c d e f', 3, 2)).toEqual(['a b', 'c d e f']);
    expect(wrapWords('  ', 5)).toEqual([]);
  });
});
