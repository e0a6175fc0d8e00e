import type { EventOf } from '../contract/schemas.js';

type Prediction = EventOf<'prediction'>;

/** The six 10-second windows of the chunking timeline. */
export const WINDOW_COUNT = 6;

export interface WindowCell {
  readonly episode_id: string;
  /** The phase the cell is painted with: predicted, or actual when predicted is absent. */
  readonly shown?: string;
  readonly predicted?: string;
  readonly actual?: string;
}

export interface PredictionsState {
  readonly cells: readonly (WindowCell | undefined)[];
  /** The episode of the newest prediction. */
  readonly episode_id?: string;
  /** Predictions whose window index lies outside 0–5 (valid, ignored on screen). */
  readonly ignored: number;
}

export const emptyPredictions: PredictionsState = {
  cells: new Array<WindowCell | undefined>(WINDOW_COUNT).fill(undefined),
  ignored: 0,
};

/** Repaints the cell of each prediction's window; other indices are only counted. */
export function reducePredictions(state: PredictionsState, events: readonly Prediction[]): PredictionsState {
  if (events.length === 0) return state;
  const cells = state.cells.slice();
  let { episode_id, ignored } = state;
  for (const event of events) {
    if (event.window_idx < 0 || event.window_idx >= WINDOW_COUNT) {
      ignored++;
      continue;
    }
    cells[event.window_idx] = {
      episode_id: event.episode_id,
      shown: event.predicted ?? event.actual,
      predicted: event.predicted,
      actual: event.actual,
    };
    episode_id = event.episode_id;
  }
  return { cells, episode_id, ignored };
}
