import { phaseColor, UNKNOWN_COLOR } from '../../contract/palette.js';
import { NOISE_CLUSTER, PHASES, phaseLabel, vocabularyOrder } from '../../contract/vocabulary.js';
import { type EmbeddingsState, NO_CLUSTER, NO_LABEL, type SlotRange } from '../../store/embeddings.js';
import { clusterColor } from './cluster-palette.js';

/** What the points are coloured by. */
export const COLOR_MODES = ['truth', 'predicted', 'cluster'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

/** Button text per mode. */
export const MODE_TITLES: Readonly<Record<ColorMode, string>> = {
  truth: 'Ground truth',
  predicted: 'Predicted',
  cluster: 'Cluster',
};

/** Alpha (0–255) of a point with no value for the mode: grey and see-through, so it recedes. */
export const UNLABELLED_ALPHA = 110;

/** One line of the legend. */
export interface LegendEntry {
  /** Stable key: the label, `cluster:N`, or `unlabelled`. */
  readonly key: string;
  readonly label: string;
  /** A shorter label for a crowded legend ("#12" for cluster 12). */
  readonly short: string;
  readonly color: string;
  readonly count: number;
  readonly unlabelled: boolean;
}

/**
 * Noise points (cluster -1 from DBSCAN or HDBSCAN): the neutral grey, opaque,
 * so they read as "in no cluster" — apart from unlabelled points, which are
 * grey and see-through.
 */
export const NOISE_COLOR = UNKNOWN_COLOR;

const NOISE = (count: number): LegendEntry => ({
  key: 'noise',
  label: 'noise',
  short: 'noise',
  color: NOISE_COLOR,
  count,
  unlabelled: false,
});

const UNLABELLED = (count: number): LegendEntry => ({
  key: 'unlabelled',
  label: 'unlabelled',
  short: 'unlabelled',
  color: UNKNOWN_COLOR,
  count,
  unlabelled: true,
});

/**
 * The legend for `mode`, built from the points held: one entry per class
 * that arrived with its count (phases in vocabulary order, other labels
 * after; clusters by id, then "noise" for cluster -1), and "unlabelled"
 * last for points without a value.
 */
export function legendEntries(state: EmbeddingsState, mode: ColorMode): LegendEntry[] {
  if (mode === 'cluster') {
    const ids = [...state.clusterCounts.keys()].filter((id) => id >= 0).sort((a, b) => a - b);
    const out: LegendEntry[] = ids.map((id) => ({
      key: `cluster:${id}`,
      label: `cluster ${id}`,
      short: `#${id}`,
      color: clusterColor(id),
      count: state.clusterCounts.get(id)!,
      unlabelled: false,
    }));
    const noise = state.clusterCounts.get(NOISE_CLUSTER) ?? 0;
    if (noise > 0) out.push(NOISE(noise));
    const none = state.clusterCounts.get(NO_CLUSTER) ?? 0;
    return none > 0 ? [...out, UNLABELLED(none)] : out;
  }
  const counts = mode === 'truth' ? state.phaseCounts : state.predictedCounts;
  const labels = [...counts.keys()].filter((l) => l !== '').sort(vocabularyOrder(PHASES));
  const out: LegendEntry[] = labels.map((label) => ({
    key: label,
    label: phaseLabel(label),
    short: phaseLabel(label),
    color: phaseColor(label),
    count: counts.get(label)!,
    unlabelled: false,
  }));
  const none = counts.get('') ?? 0;
  return none > 0 ? [...out, UNLABELLED(none)] : out;
}

/** `#rrggbb` as a packed 0xRRGGBBAA. */
export function packHex(hex: string, alpha = 255): number {
  return ((Number.parseInt(hex.slice(1, 7), 16) << 8) | alpha) >>> 0;
}

const UNLABELLED_RGBA = packHex(UNKNOWN_COLOR, UNLABELLED_ALPHA);
const NOISE_RGBA = packHex(NOISE_COLOR);

/**
 * Writes RGBA bytes (4 per slot) for the slots in `ranges` into `out`, for
 * `mode`. Label colours are looked up once per label id, cluster colours once
 * per cluster, so repainting 100,000 points on a mode switch is a loop of
 * table reads.
 */
export function paintSlots(
  state: EmbeddingsState,
  mode: ColorMode,
  out: Uint8Array,
  ranges: readonly SlotRange[],
): void {
  const write = (slot: number, rgba: number) => {
    const o = slot * 4;
    out[o] = rgba >>> 24;
    out[o + 1] = (rgba >>> 16) & 255;
    out[o + 2] = (rgba >>> 8) & 255;
    out[o + 3] = rgba & 255;
  };
  if (mode === 'cluster') {
    const cache = new Map<number, number>();
    for (const [start, n] of ranges) {
      for (let slot = start; slot < start + n; slot++) {
        const id = state.cluster[slot]!;
        let rgba = cache.get(id);
        if (rgba === undefined) {
          rgba =
            id === NO_CLUSTER
              ? UNLABELLED_RGBA
              : id === NOISE_CLUSTER
                ? NOISE_RGBA
                : packHex(clusterColor(id));
          cache.set(id, rgba);
        }
        write(slot, rgba);
      }
    }
    return;
  }
  const ids = mode === 'truth' ? state.phase : state.predicted;
  const table = state.labels.map((label, id) =>
    id === NO_LABEL ? UNLABELLED_RGBA : packHex(phaseColor(label)),
  );
  for (const [start, n] of ranges) {
    for (let slot = start; slot < start + n; slot++) write(slot, table[ids[slot]!]!);
  }
}

/** What the tooltip tells about one held point. */
export interface PointInfo {
  readonly slot: number;
  readonly phase?: string;
  readonly predicted?: string;
  readonly cluster?: number;
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** The values held in `slot`. */
export function pointInfo(state: EmbeddingsState, slot: number): PointInfo {
  const label = (id: number) => (id === NO_LABEL ? undefined : state.labels[id]);
  const cluster = state.cluster[slot]!;
  return {
    slot,
    phase: label(state.phase[slot]!),
    predicted: label(state.predicted[slot]!),
    cluster: cluster === NO_CLUSTER ? undefined : cluster,
    x: state.positions[slot * 3]!,
    y: state.positions[slot * 3 + 1]!,
    z: state.positions[slot * 3 + 2]!,
  };
}
