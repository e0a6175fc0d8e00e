import { css, html, nothing, type TemplateResult } from 'lit';
import { phaseColor, phaseGlyph } from '../../contract/palette.js';
import type { PhaseSpanData } from '../../contract/schemas.js';
import { phaseLabel } from '../../contract/vocabulary.js';

/**
 * The one mark for phases laid along a bar: an episode's phase spans over
 * time (a thin strip) or each phase's share of a whole (a thick stacked
 * bar). Segments are positioned spans coloured from the palette, with the
 * glyph and a word inside where there is room, so colour is never the only
 * carrier. Needs `phaseBarStyles` in the host's styles.
 */

/** One painted span, as fractions (0–1) of the bar's width. */
export interface PhaseBarSegment {
  readonly phase: string;
  readonly left: number;
  readonly width: number;
  /** The word beside the glyph (a name, a percent); none draws the segment bare. */
  readonly text?: string;
}

/** Options of `phaseBar`. */
export interface PhaseBarOptions {
  /**
   * `strip` (default): thin, height `--strip-height`, text `--strip-font`;
   * the word goes first when narrow, then the glyph. `share`: thick, height
   * `--bar-height`, text `--bar-font`, bold figures; the glyph goes first.
   * Segments slide when shares change (not under reduced motion).
   */
  readonly variant?: 'strip' | 'share';
  /** A faint growing tail after the spans, e.g. the part still recording. */
  readonly tail?: { readonly from: number; readonly to: number; readonly phase?: string };
  /** Accessible summary; the bar is an image of its segments. By default the phases' names. */
  readonly label?: string;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const pct = (f: number) => `${(f * 100).toFixed(3)}%`;

/**
 * Lays labelled spans onto a strip that covers `axisS` seconds: clamped to
 * the strip, empty or inverted spans dropped, order kept. Pure, so the
 * drawing is testable without a browser.
 */
export function stripSegments(spans: readonly PhaseSpanData[] | undefined, axisS: number): PhaseBarSegment[] {
  if (!spans || !(axisS > 0)) return [];
  const out: PhaseBarSegment[] = [];
  for (const span of spans) {
    const left = clamp01(span.start_s / axisS);
    const right = clamp01(span.end_s / axisS);
    if (right > left) out.push({ phase: span.phase, left, width: right - left });
  }
  return out;
}

/** `segments` with each one's phase named inside it, for bars tall and wide enough to read. */
export function labelledSegments(segments: readonly PhaseBarSegment[]): PhaseBarSegment[] {
  return segments.map((s) => ({ ...s, text: phaseLabel(s.phase) }));
}

/** The end (s) of the last labelled span, 0 when there is none. */
export function labelledUntil(spans: readonly PhaseSpanData[] | undefined): number {
  let end = 0;
  for (const span of spans ?? []) end = Math.max(end, span.end_s);
  return end;
}

/** The bar of `segments` (see the module's note). */
export function phaseBar(
  segments: readonly PhaseBarSegment[],
  options: PhaseBarOptions = {},
): TemplateResult {
  const tail = options.tail;
  const variant = options.variant === 'share' ? 'share-bar' : 'strip';
  return html`<div class=${variant} role="img" aria-label=${options.label ?? segments.map((s) => phaseLabel(s.phase)).join(', ')}>
    ${segments.map(
      (s) => html`<span
        class="seg"
        data-phase=${s.phase}
        style="left:${pct(s.left)};width:${pct(s.width)};background:${phaseColor(s.phase)}"
        >${s.text !== undefined ? html`<span class="seg-text"><span class="seg-glyph">${phaseGlyph(s.phase)}</span><span class="seg-word">${s.text}</span></span>` : nothing}</span
      >`,
    )}
    ${
      tail && tail.to > tail.from
        ? html`<span
            class="seg tail"
            style="left:${pct(tail.from)};width:${pct(tail.to - tail.from)};--tail-color:${phaseColor(tail.phase)}"
          ></span>`
        : nothing
    }
  </div>`;
}

/** Styles for `phaseBar`. */
export const phaseBarStyles = css`
  .strip,
  .share-bar {
    position: relative;
    overflow: hidden;
    background: var(--fleet-code-bg);
  }
  .strip {
    height: var(--strip-height, 28px);
    border-radius: 4px;
  }
  .share-bar {
    height: var(--bar-height, 64px);
    border-radius: 8px;
  }
  .seg {
    position: absolute;
    top: 0;
    bottom: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    overflow: hidden;
    container-type: inline-size;
    box-shadow: inset -1px 0 0 rgba(0, 0, 0, 0.35);
    color: #000;
  }
  .share-bar .seg {
    box-shadow: inset -2px 0 0 rgba(0, 0, 0, 0.35);
    transition:
      left 0.6s ease,
      width 0.6s ease;
  }
  .seg-text {
    display: inline-flex;
    gap: 0.3em;
    align-items: center;
    max-width: calc(100% - 8px);
    overflow: hidden;
    white-space: nowrap;
    font-size: var(--strip-font, 0.7em);
    font-weight: 600;
  }
  .share-bar .seg-text {
    gap: 0.35em;
    align-items: baseline;
    max-width: none;
    overflow: visible;
    font-size: var(--bar-font, 1em);
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .strip .seg-word {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  @container (max-width: 96px) {
    .strip .seg-word {
      display: none;
    }
  }
  @container (max-width: 18px) {
    .strip .seg-glyph {
      display: none;
    }
  }
  @container (max-width: 100px) {
    .share-bar .seg-glyph {
      display: none;
    }
  }
  @container (max-width: 66px) {
    .share-bar .seg-word {
      display: none;
    }
  }
  .seg.tail {
    background: repeating-linear-gradient(
      135deg,
      color-mix(in srgb, var(--tail-color) 45%, transparent) 0 6px,
      color-mix(in srgb, var(--tail-color) 15%, transparent) 6px 12px
    );
    border-right: 2px solid var(--tail-color);
    box-shadow: none;
  }
  @media (prefers-reduced-motion: reduce) {
    .share-bar .seg {
      transition: none;
    }
  }
`;
