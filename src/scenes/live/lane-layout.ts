import { phaseColor } from '../../contract/palette.js';
import { LANE_CAPACITY, type LaneCell, type LiveLanesState } from '../../store/live-lanes.js';

/** Below this lane height the lanes scroll instead of shrinking further. */
export const MIN_LANE_HEIGHT = 9;
/** Lanes never grow taller than this, so 5 hosts do not look bloated. */
export const MAX_LANE_HEIGHT = 44;

/** How one cell is drawn. */
export interface CellBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly lane: number;
  readonly cell: LaneCell;
  readonly fill: string;
  /** Truth not yet known. */
  readonly pending: boolean;
  /** Truth known and different from the prediction. */
  readonly mismatch: boolean;
}

export interface LaneLayout {
  readonly laneHeight: number;
  readonly cellWidth: number;
  /** Total height of all lanes (may exceed the viewport: then the lanes scroll). */
  readonly height: number;
  readonly boxes: readonly CellBox[];
}

/**
 * Places every cell: one lane per host in display order, 60 slots per lane,
 * newest on the right. Pure, so it is tested without a canvas.
 */
export function layoutLanes(state: LiveLanesState, width: number, viewportHeight: number): LaneLayout {
  const lanes = state.hosts.length;
  const laneHeight =
    lanes === 0
      ? MAX_LANE_HEIGHT
      : Math.max(MIN_LANE_HEIGHT, Math.min(MAX_LANE_HEIGHT, viewportHeight / lanes));
  const cellWidth = width / LANE_CAPACITY;
  const gap = cellWidth > 8 ? 2 : 1;
  const vgap = laneHeight > 16 ? 4 : 1;
  const boxes: CellBox[] = [];
  state.hosts.forEach((host, lane) => {
    const cells = state.lanes.get(host) ?? [];
    const offset = LANE_CAPACITY - cells.length;
    cells.forEach((cell, i) => {
      boxes.push({
        x: (offset + i) * cellWidth,
        y: lane * laneHeight + vgap / 2,
        w: cellWidth - gap,
        h: laneHeight - vgap,
        lane,
        cell,
        fill: phaseColor(cell.predicted),
        pending: cell.actual === undefined,
        mismatch: cell.actual !== undefined && cell.actual !== cell.predicted,
      });
    });
  });
  return { laneHeight, cellWidth, height: lanes * laneHeight, boxes };
}

/** The box under a point, if any. */
export function boxAt(layout: LaneLayout, x: number, y: number): CellBox | undefined {
  const lane = Math.floor(y / layout.laneHeight);
  return layout.boxes.find((b) => b.lane === lane && x >= b.x && x < b.x + layout.cellWidth);
}
