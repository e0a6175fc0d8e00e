import { scaleLinear } from 'd3-scale';
import { modelColor } from '../../contract/palette.js';
import { MODELS, vocabularyOrder } from '../../contract/vocabulary.js';

/** The accuracy axis: chance-level and below is not worth the width. */
export const AXIS_MIN = 0.5;
export const AXIS_MAX = 1;

/** Accuracy → percent of the bar area's width; values below the axis pin at 0. */
export const accuracyScale = scaleLinear().domain([AXIS_MIN, AXIS_MAX]).range([0, 100]).clamp(true);

/** One model's bar as drawn. */
export interface ModelBar {
  readonly model: string;
  readonly accuracy: number;
  /** Bar length, percent of the bar area. */
  readonly width: number;
  readonly color: string;
  /** Below the axis start: drawn as a marker at the axis with its value. */
  readonly pinned: boolean;
  /** Highest accuracy of all bars (ties share it). */
  readonly best: boolean;
}

/** Bars in vocabulary order (rnn, gru, lstm, bert, knn), unknown models after, alphabetically. */
export function layoutBars(accuracy: ReadonlyMap<string, number>): ModelBar[] {
  const models = [...accuracy.keys()].sort(vocabularyOrder(MODELS));
  let top = Number.NEGATIVE_INFINITY;
  for (const v of accuracy.values()) top = Math.max(top, v);
  return models.map((model) => {
    const value = accuracy.get(model)!;
    return {
      model,
      accuracy: value,
      width: accuracyScale(value),
      color: modelColor(model),
      pinned: value < AXIS_MIN,
      best: value === top,
    };
  });
}

/** Gridlines of the axis, every 10 points, as value and percent position. */
export function axisTicks(): { value: number; left: number; label: string }[] {
  return accuracyScale.ticks(5).map((value) => ({
    value,
    left: accuracyScale(value),
    label: `${Math.round(value * 100)}%`,
  }));
}

/** Bar thickness and type size for `count` bars in `height` px. */
export function rowMetrics(count: number, height: number): { bar: number; font: number } {
  const row = height / Math.max(1, count);
  return { bar: Math.max(6, Math.min(72, row * 0.62)), font: Math.max(11, Math.min(30, row * 0.34)) };
}

/** A percent with one decimal: 0.9234 → "92.3%". */
export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
