import { STACK_STAGES, type StackStage } from '../../content/deck-text.js';

/** A box of the diagram in user units. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** One stage's box and its place in the flow (1-based step number). */
export interface StackNode extends Box {
  readonly stage: StackStage;
  readonly step: number;
}

/** The arrow from one stage to the next, with where its label sits. */
export interface StackArrow {
  readonly from: StackStage;
  readonly to: StackStage;
  /** SVG path data, drawn in flow direction (the marker sits at the end). */
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
  /** Horizontal arrows carry their label above the line; the vertical one beside it. */
  readonly labelAnchor: 'middle' | 'start';
}

export interface StackLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly StackNode[];
  readonly arrows: readonly StackArrow[];
  /** The box that explains the labels, in the slot the flow leaves free. */
  readonly legend: Box;
}

/** Spacing of the diagram, in user units. */
export const STACK_GAP_X = 96;
export const STACK_GAP_Y = 110;

/**
 * A U-shaped flow in four columns: the first four stages left to right
 * along the top, then down from training and back right to left along the
 * bottom, so seven boxes stay large enough to read on a projector. The
 * bottom-left slot, which the flow does not reach, holds the phase legend.
 */
export function layoutStack(width: number, height: number): StackLayout {
  const columns = 4;
  const w = (width - (columns - 1) * STACK_GAP_X) / columns;
  const h = (height - STACK_GAP_Y) / 2;
  const colX = (c: number) => c * (w + STACK_GAP_X);
  const rowY = (r: number) => r * (h + STACK_GAP_Y);
  // Where each stage sits: [column, row].
  const slots: Readonly<Record<StackStage, readonly [number, number]>> = {
    hosts: [0, 0],
    collector: [1, 0],
    store: [2, 0],
    training: [3, 0],
    inference: [3, 1],
    bus: [2, 1],
    deck: [1, 1],
  };
  const nodes: StackNode[] = STACK_STAGES.map((stage, i) => {
    const [c, r] = slots[stage];
    return { stage, step: i + 1, x: colX(c), y: rowY(r), w, h };
  });
  const arrows: StackArrow[] = [];
  const pad = 10;
  for (let i = 0; i + 1 < nodes.length; i++) {
    const a = nodes[i]!;
    const b = nodes[i + 1]!;
    if (a.y === b.y) {
      const leftToRight = b.x > a.x;
      const y = a.y + a.h / 2;
      const x1 = leftToRight ? a.x + a.w + pad : a.x - pad;
      const x2 = leftToRight ? b.x - pad : b.x + b.w + pad;
      arrows.push({
        from: a.stage,
        to: b.stage,
        path: `M${x1},${y} L${x2},${y}`,
        labelX: (x1 + x2) / 2,
        labelY: y - 16,
        labelAnchor: 'middle',
      });
    } else {
      const x = a.x + a.w / 2;
      const y1 = a.y + a.h + pad;
      const y2 = b.y - pad;
      arrows.push({
        from: a.stage,
        to: b.stage,
        path: `M${x},${y1} L${x},${y2}`,
        labelX: x + 18,
        labelY: (y1 + y2) / 2 + 7,
        labelAnchor: 'start',
      });
    }
  }
  return { width, height, nodes, arrows, legend: { x: colX(0), y: rowY(1), w, h } };
}

/**
 * Splits `text` into at most `maxLines` lines of about `maxChars`, at word
 * boundaries (a word longer than a line stays whole). SVG text does not wrap.
 */
export function wrapWords(text: string, maxChars: number, maxLines = 2): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last.length + 1 + word.length <= maxChars || lines.length >= maxLines)) {
      lines[lines.length - 1] = `${last} ${word}`;
    } else lines.push(word);
  }
  return lines;
}
