import { describe, expect, it } from 'vitest';
import { PHASE_COLORS, UNKNOWN_COLOR } from '../../../../src/contract/palette.js';
import type { EventOf } from '../../../../src/contract/schemas.js';
import { clusterColor } from '../../../../src/scenes/knn/cluster-palette.js';
import {
  legendEntries,
  NOISE_COLOR,
  packHex,
  paintSlots,
  pointInfo,
  UNLABELLED_ALPHA,
} from '../../../../src/scenes/knn/color-modes.js';
import { emptyEmbeddings, reduceEmbeddings } from '../../../../src/store/embeddings.js';

const p = (extra: Partial<EventOf<'embedding'>>): EventOf<'embedding'> => ({
  type: 'embedding',
  x: 0.1,
  y: 0.2,
  ...extra,
});
const rgba = (hex: string, a = 255) => {
  const v = packHex(hex, a);
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
};

const state = reduceEmbeddings(emptyEmbeddings(10), [
  p({ phase: 'dormant', predicted: 'clean', cluster: 12 }),
  p({ phase: 'exfiltrating', predicted: 'clean', cluster: 2 }),
  p({ phase: 'clean', cluster: 12 }),
  p({}),
  p({ phase: 'clean', predicted: 'clean', z: 0.9 }),
]);

describe('legendEntries', () => {
  it('lists phases in vocabulary order, unknown labels after, unlabelled last, with counts', () => {
    expect(legendEntries(state, 'truth').map((e) => [e.label, e.count, e.color])).toEqual([
      ['clean', 2, PHASE_COLORS.clean],
      ['dormant', 1, PHASE_COLORS.dormant],
      ['exfiltrating', 1, UNKNOWN_COLOR],
      ['unlabelled', 1, UNKNOWN_COLOR],
    ]);
    expect(legendEntries(state, 'predicted').map((e) => [e.key, e.count, e.unlabelled])).toEqual([
      ['clean', 3, false],
      ['unlabelled', 2, true],
    ]);
  });

  it('lists clusters by id with their palette colour', () => {
    expect(legendEntries(state, 'cluster').map((e) => [e.label, e.count, e.color])).toEqual([
      ['cluster 2', 1, clusterColor(2)],
      ['cluster 12', 2, clusterColor(12)],
      ['unlabelled', 2, UNKNOWN_COLOR],
    ]);
  });

  it('lists cluster -1 as grey "noise" after the clusters, before the unlabelled, and paints it opaque grey', () => {
    const noisy = reduceEmbeddings(emptyEmbeddings(10), [
      p({ cluster: 3 }),
      p({ cluster: -1 }),
      p({ cluster: -1 }),
      p({}),
    ]);
    expect(legendEntries(noisy, 'cluster').map((e) => [e.label, e.count, e.color, e.unlabelled])).toEqual([
      ['cluster 3', 1, clusterColor(3), false],
      ['noise', 2, NOISE_COLOR, false],
      ['unlabelled', 1, UNKNOWN_COLOR, true],
    ]);
    const out = new Uint8Array(16);
    paintSlots(noisy, 'cluster', out, [[0, 4]]);
    expect(Array.from(out.slice(4, 8))).toEqual(rgba(NOISE_COLOR));
    expect(Array.from(out.slice(12, 16))).toEqual(rgba(UNKNOWN_COLOR, UNLABELLED_ALPHA));
    expect(pointInfo(noisy, 1).cluster).toBe(-1);
  });

  it('has no unlabelled entry when every point has a value', () => {
    const all = reduceEmbeddings(emptyEmbeddings(4), [p({ phase: 'armed' })]);
    expect(legendEntries(all, 'truth').map((e) => e.key)).toEqual(['armed']);
  });

  it('replaces a phase label with its human form ("infected running")', () => {
    const s = reduceEmbeddings(emptyEmbeddings(4), [p({ phase: 'infected_running' })]);
    expect(legendEntries(s, 'truth')[0]!.label).toBe('infected running');
  });
});

describe('paintSlots', () => {
  it('writes each slot its class colour for the mode, grey and see-through when unlabelled', () => {
    const out = new Uint8Array(40);
    paintSlots(state, 'truth', out, [[0, 5]]);
    const slot = (i: number) => Array.from(out.slice(i * 4, i * 4 + 4));
    expect(slot(0)).toEqual(rgba(PHASE_COLORS.dormant));
    expect(slot(1)).toEqual(rgba(UNKNOWN_COLOR));
    expect(slot(3)).toEqual(rgba(UNKNOWN_COLOR, UNLABELLED_ALPHA));
    paintSlots(state, 'predicted', out, [[0, 5]]);
    expect(slot(0)).toEqual(rgba(PHASE_COLORS.clean));
    expect(slot(2)).toEqual(rgba(UNKNOWN_COLOR, UNLABELLED_ALPHA));
    paintSlots(state, 'cluster', out, [[0, 5]]);
    expect(slot(0)).toEqual(rgba(clusterColor(12)));
    expect(slot(1)).toEqual(rgba(clusterColor(2)));
    expect(slot(4)).toEqual(rgba(UNKNOWN_COLOR, UNLABELLED_ALPHA));
  });

  it('touches only the slots in the ranges', () => {
    const out = new Uint8Array(40);
    paintSlots(state, 'truth', out, [[4, 1]]);
    expect(Array.from(out.slice(0, 16))).toEqual(new Array(16).fill(0));
    expect(Array.from(out.slice(16, 20))).toEqual(rgba(PHASE_COLORS.clean));
    expect(Array.from(out.slice(20))).toEqual(new Array(20).fill(0));
  });
});

describe('pointInfo', () => {
  it('reads a slot back, absent values undefined', () => {
    expect(pointInfo(state, 4)).toMatchObject({ phase: 'clean', predicted: 'clean', cluster: undefined });
    expect(pointInfo(state, 4).z).toBeCloseTo(0.9);
    expect(pointInfo(state, 3)).toMatchObject({ phase: undefined, predicted: undefined, cluster: undefined });
    expect(pointInfo(state, 3).z).toBe(0.5);
  });
});
