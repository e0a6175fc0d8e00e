import { scaleLinear } from 'd3-scale';
import { type PredictionsState, WINDOW_COUNT } from '../../store/predictions.js';

/** Seconds per window: six of them make the 60-second episode. */
export const WINDOW_S = 10;
export const EPISODE_S = WINDOW_COUNT * WINDOW_S;

/** Seconds → percent of the timeline's width, so the cells need no measuring. */
export const timeScale = scaleLinear().domain([0, EPISODE_S]).range([0, 100]);

/** One window of the timeline as drawn. */
export interface ChunkCell {
  readonly index: number;
  readonly startS: number;
  readonly endS: number;
  /** Left edge and width, percent of the track. */
  readonly left: number;
  readonly width: number;
  /** The phase the cell is painted with: predicted, or actual when predicted is absent. */
  readonly shown?: string;
  readonly predicted?: string;
  readonly actual?: string;
  readonly episodeId?: string;
  /** Painted by a prediction of an earlier episode than the newest one. */
  readonly stale: boolean;
  /** Predicted and actual both known, and different. */
  readonly mismatch: boolean;
}

/** The six cells of the timeline, in window order. */
export function layoutChunks(state: PredictionsState): ChunkCell[] {
  return Array.from({ length: WINDOW_COUNT }, (_, index) => {
    const cell = state.cells[index];
    const startS = index * WINDOW_S;
    const endS = startS + WINDOW_S;
    const left = timeScale(startS);
    return {
      index,
      startS,
      endS,
      left,
      width: timeScale(endS) - left,
      shown: cell?.shown,
      predicted: cell?.predicted,
      actual: cell?.actual,
      episodeId: cell?.episode_id,
      stale: cell !== undefined && cell.episode_id !== state.episode_id,
      mismatch: cell?.predicted !== undefined && cell.actual !== undefined && cell.predicted !== cell.actual,
    };
  });
}

/** Windows of the newest episode whose truth is known, and how many of them the prediction got right. */
export function agreement(cells: readonly ChunkCell[]): { judged: number; agree: number } {
  let judged = 0;
  let agree = 0;
  for (const c of cells) {
    if (c.stale || c.predicted === undefined || c.actual === undefined) continue;
    judged++;
    if (c.predicted === c.actual) agree++;
  }
  return { judged, agree };
}
