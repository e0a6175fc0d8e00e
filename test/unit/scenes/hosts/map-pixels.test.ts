import { describe, expect, it } from 'vitest';
import { PHASE_COLORS, parseHex, UNKNOWN_COLOR } from '../../../../src/contract/palette.js';
import { DIM_ALPHA, paintHostMap } from '../../../../src/scenes/hosts/map-pixels.js';
import type { HostView } from '../../../../src/store/fleet.js';

/** The little-endian RGBA word of `hex` at `alpha`, as ImageData holds it. */
function word(hex: string, alpha = 1): number {
  const [r, g, b] = parseHex(hex);
  return ((Math.round(alpha * 255) << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

const host = (host_id: string, phase?: string, online = true): HostView => ({ host_id, phase, online });

/** A cleared buffer, painted. */
function paint(
  hosts: readonly HostView[],
  geometry: { cell: number; columns: number; dpr: number },
  size: [number, number],
  matching?: ReadonlySet<HostView>,
) {
  const [stride, rows] = size;
  const words = new Uint32Array(stride * rows);
  paintHostMap(words, stride, rows, hosts, geometry, matching);
  return (x: number, y: number) => words[y * stride + x]!;
}

describe('paintHostMap', () => {
  it('paints each host a square in its phase colour, row by row, with a 1 px gap', () => {
    const hosts = [host('a', 'clean'), host('b', 'infected_running'), host('c', 'armed')];
    const at = paint(hosts, { cell: 8, columns: 2, dpr: 1 }, [16, 16]);
    expect(at(0, 0)).toBe(word(PHASE_COLORS.clean));
    expect(at(6, 6)).toBe(word(PHASE_COLORS.clean));
    expect(at(7, 0)).toBe(0); // the gap
    expect(at(8, 3)).toBe(word(PHASE_COLORS.infected_running));
    expect(at(2, 9)).toBe(word(PHASE_COLORS.armed)); // second row
    expect(at(12, 12)).toBe(0); // no fourth host
  });

  it('draws offline hosts hollow: a 2 px ring in their colour, clear inside', () => {
    const at = paint([host('a', 'dormant', false)], { cell: 10, columns: 1, dpr: 1 }, [10, 10]);
    const ink = word(PHASE_COLORS.dormant);
    expect(at(0, 0)).toBe(ink);
    expect(at(1, 4)).toBe(ink);
    expect(at(8, 4)).toBe(ink);
    expect(at(2, 2)).toBe(0);
    expect(at(4, 4)).toBe(0);
    expect(at(6, 6)).toBe(0);
  });

  it('fills offline hosts whole when the cells are too small for a ring, without a gap below 4 px', () => {
    const at = paint(
      [host('a', 'clean', false), host('b', 'clean')],
      { cell: 3, columns: 2, dpr: 1 },
      [6, 3],
    );
    for (let x = 0; x < 6; x++) expect(at(x, 1)).toBe(word(PHASE_COLORS.clean));
  });

  it('scales to device pixels', () => {
    const at = paint([host('a', 'armed'), host('b', 'clean')], { cell: 5, columns: 2, dpr: 2 }, [20, 10]);
    expect(at(7, 7)).toBe(word(PHASE_COLORS.armed));
    expect(at(8, 0)).toBe(0); // the gap, 2 device px wide
    expect(at(9, 0)).toBe(0);
    expect(at(10, 0)).toBe(word(PHASE_COLORS.clean));
  });

  it('dims the hosts outside the filter and gives unknown phases the neutral swatch', () => {
    const a = host('a', 'clean');
    const b = host('b', 'not-a-phase');
    const c = host('c');
    const at = paint([a, b, c], { cell: 4, columns: 3, dpr: 1 }, [12, 4], new Set([b, c]));
    expect(at(1, 1)).toBe(word(PHASE_COLORS.clean, DIM_ALPHA));
    expect(at(5, 1)).toBe(word(UNKNOWN_COLOR));
    expect(at(9, 1)).toBe(word(UNKNOWN_COLOR));
  });

  it('clips to the buffer', () => {
    const at = paint([host('a', 'clean'), host('b', 'clean')], { cell: 8, columns: 2, dpr: 1 }, [10, 4]);
    expect(at(9, 3)).toBe(word(PHASE_COLORS.clean));
  });
});
