/**
 * Categorical colours for cluster ids, made for a dark stage and still
 * legible on a light one. Cluster ids carry no order, so the palette only
 * has to keep classes apart: it walks hues evenly in OKLCH (a perceptual
 * space, so equal steps look equal), ten hues at a middle lightness first,
 * then the ten hues between them, lighter, then darker ones; past that ids get
 * golden-angle hues. Greys are never produced, so no cluster looks
 * "unlabelled".
 */

/** Lightness and chroma per tier of ten. */
const TIERS: readonly (readonly [lightness: number, chroma: number, hueOffset: number])[] = [
  [0.74, 0.16, 0],
  [0.83, 0.13, 18],
  [0.6, 0.15, 9],
];
const HUES_PER_TIER = 10;
const FIRST_HUE = 25;
const GOLDEN_ANGLE = 137.508;

/** OKLCH → `#rrggbb`, lowering chroma until the colour fits in sRGB. */
export function oklchToHex(lightness: number, chroma: number, hueDegrees: number): string {
  const h = (hueDegrees * Math.PI) / 180;
  for (let c = chroma; c >= 0; c -= 0.005) {
    const rgb = oklabToSrgb(lightness, c * Math.cos(h), c * Math.sin(h));
    if (rgb.every((v) => v >= -1e-4 && v <= 1 + 1e-4)) {
      return `#${rgb
        .map((v) =>
          Math.round(Math.min(1, Math.max(0, v)) * 255)
            .toString(16)
            .padStart(2, '0'),
        )
        .join('')}`;
    }
  }
  return oklchToHex(lightness, 0, 0);
}

function oklabToSrgb(L: number, a: number, b: number): [number, number, number] {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const linear = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
  const gamma = (v: number) =>
    v <= 0.0031308 ? 12.92 * v : 1.055 * Math.abs(v) ** (1 / 2.4) * Math.sign(v) - 0.055;
  return linear.map(gamma) as [number, number, number];
}

function tierColor(id: number): string {
  const tier = TIERS[Math.floor(id / HUES_PER_TIER)]!;
  // Within a tier, alternate across the wheel so ids 0, 1, 2 … are far apart in hue.
  const k = id % HUES_PER_TIER;
  const step = (k * 3) % HUES_PER_TIER;
  return oklchToHex(tier[0], tier[1], FIRST_HUE + tier[2] + (step * 360) / HUES_PER_TIER);
}

/** The first thirty cluster colours (ids 0–29). */
export const CLUSTER_PALETTE: readonly string[] = Array.from(
  { length: TIERS.length * HUES_PER_TIER },
  (_, id) => tierColor(id),
);

/** The colour of cluster `id` (an integer ≥ 0). */
export function clusterColor(id: number): string {
  if (id >= 0 && id < CLUSTER_PALETTE.length) return CLUSTER_PALETTE[id]!;
  const k = Math.abs(Math.trunc(id)) - CLUSTER_PALETTE.length;
  // Three lightness bands, nudged by a second low-discrepancy sequence so ids
  // whose golden-angle hues come round again still differ.
  const lightness = [0.78, 0.66, 0.9][k % 3]! + (((k * 0.7548776) % 1) - 0.5) * 0.08;
  return oklchToHex(lightness, 0.13, (FIRST_HUE + 5 + k * GOLDEN_ANGLE) % 360);
}
