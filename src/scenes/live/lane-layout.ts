import { phaseColor } from '../../contract/palette.js';
import { cellIndex, LANE_CAPACITY, type LiveLanesState, NO_LANE_LABEL } from '../../store/live-lanes.js';

/** Up to this many hosts the scene draws one labelled lane each; beyond, the fleet view. */
export const MAX_LANE_HOSTS = 36;
/** Lanes never get shorter than this, so a label of at least 12 px fits beside each. */
export const MIN_LANE_HEIGHT = 16;
/** …nor taller than this (one host alone should not be a wall of colour). */
export const MAX_LANE_HEIGHT = 160;

/** How one cell is drawn. */
export interface CellBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly lane: number;
  /** The cell's index in the lanes' arrays (see LaneCells). */
  readonly index: number;
  readonly predicted: string;
  readonly fill: string;
  /** Truth not yet known. */
  readonly pending: boolean;
  /** Truth known and different from the prediction. */
  readonly mismatch: boolean;
}

export interface LaneLayout {
  readonly laneHeight: number;
  readonly cellWidth: number;
  /** Total height of all lanes. */
  readonly height: number;
  readonly boxes: readonly CellBox[];
}

/** Lane height for `lanes` lanes sharing `viewportHeight`: they fill it, within the bounds. */
export function laneHeightFor(lanes: number, viewportHeight: number): number {
  if (lanes === 0) return MAX_LANE_HEIGHT;
  return Math.max(MIN_LANE_HEIGHT, Math.min(MAX_LANE_HEIGHT, viewportHeight / lanes));
}

/** The fill colour of every interned label, by id (a phase's colour, neutral otherwise). */
export function labelColors(labels: readonly string[]): string[] {
  return labels.map((label) => phaseColor(label));
}

/**
 * Places every cell of `hosts` (in that order): one lane each, 60 slots per
 * lane, newest on the right, the lanes sharing the viewport's height. Pure,
 * so it is tested without a canvas; meant for the few dozen lanes of the
 * lane view (the fleet view draws straight from the arrays).
 */
export function layoutLanes(
  state: LiveLanesState,
  hosts: readonly string[],
  width: number,
  viewportHeight: number,
): LaneLayout {
  const laneHeight = laneHeightFor(hosts.length, viewportHeight);
  const cellWidth = width / LANE_CAPACITY;
  const gap = cellWidth > 8 ? 2 : 1;
  const vgap = laneHeight > 16 ? Math.min(8, Math.round(laneHeight * 0.12)) : 1;
  const c = state.cells;
  const boxes: CellBox[] = [];
  hosts.forEach((host, lane) => {
    const slot = state.slots.get(host);
    if (slot === undefined) return;
    const len = c.length[slot]!;
    const offset = LANE_CAPACITY - len;
    for (let i = 0; i < len; i++) {
      const k = cellIndex(c, slot, i);
      const predicted = c.labels[c.predicted[k]!] ?? '';
      const actual = c.actual[k]!;
      boxes.push({
        x: (offset + i) * cellWidth,
        y: lane * laneHeight + vgap / 2,
        w: cellWidth - gap,
        h: laneHeight - vgap,
        lane,
        index: k,
        predicted,
        fill: phaseColor(predicted),
        pending: actual === NO_LANE_LABEL,
        mismatch: actual !== NO_LANE_LABEL && actual !== c.predicted[k],
      });
    }
  });
  return { laneHeight, cellWidth, height: hosts.length * laneHeight, boxes };
}

/** The box under a point, if any. */
export function boxAt(layout: LaneLayout, x: number, y: number): CellBox | undefined {
  const lane = Math.floor(y / layout.laneHeight);
  return layout.boxes.find((b) => b.lane === lane && x >= b.x && x < b.x + layout.cellWidth);
}
