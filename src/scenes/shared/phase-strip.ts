import { css, html, nothing, type TemplateResult } from 'lit';
import { phaseColor, phaseGlyph } from '../../contract/palette.js';
import type { PhaseSpanData } from '../../contract/schemas.js';
import { phaseLabel } from '../../contract/vocabulary.js';

/** One painted span of a strip, as fractions (0–1) of the strip's width. */
export interface StripSegment {
  readonly phase: string;
  readonly left: number;
  readonly width: number;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * Lays labelled spans onto a strip that covers `axisS` seconds: clamped to
 * the strip, empty or inverted spans dropped, order kept. Pure, so the
 * drawing is testable without a browser.
 */
export function stripSegments(spans: readonly PhaseSpanData[] | undefined, axisS: number): StripSegment[] {
  if (!spans || !(axisS > 0)) return [];
  const out: StripSegment[] = [];
  for (const span of spans) {
    const left = clamp01(span.start_s / axisS);
    const right = clamp01(span.end_s / axisS);
    if (right > left) out.push({ phase: span.phase, left, width: right - left });
  }
  return out;
}

/** The end (s) of the last labelled span, 0 when there is none. */
export function labelledUntil(spans: readonly PhaseSpanData[] | undefined): number {
  let end = 0;
  for (const span of spans ?? []) end = Math.max(end, span.end_s);
  return end;
}

const pct = (f: number) => `${(f * 100).toFixed(3)}%`;

/** Options of `phaseStrip`. */
export interface PhaseStripOptions {
  /** Label segments that have room (glyph and name; glyph alone when narrow). */
  readonly labels?: boolean;
  /** A faint growing tail after the labelled spans, e.g. the part still recording. */
  readonly tail?: { readonly from: number; readonly to: number; readonly phase?: string };
  /** Accessible summary; the strip is an image of its spans. */
  readonly label?: string;
}

/**
 * A strip of phase spans: colour from the palette, plus glyph and name
 * where there is room, so colour is never the only carrier. Needs
 * `phaseStripStyles` in the host's styles.
 */
export function phaseStrip(
  segments: readonly StripSegment[],
  options: PhaseStripOptions = {},
): TemplateResult {
  const tail = options.tail;
  return html`<div class="strip" role="img" aria-label=${options.label ?? segments.map((s) => phaseLabel(s.phase)).join(', ')}>
    ${segments.map(
      (s) => html`<span
        class="seg"
        data-phase=${s.phase}
        style="left:${pct(s.left)};width:${pct(s.width)};background:${phaseColor(s.phase)}"
        >${options.labels ? html`<span class="seg-text"><span class="seg-glyph">${phaseGlyph(s.phase)}</span><span class="seg-name">${phaseLabel(s.phase)}</span></span>` : nothing}</span
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

/** Styles for `phaseStrip`; the strip's height comes from `--strip-height`. */
export const phaseStripStyles = css`
  .strip {
    position: relative;
    height: var(--strip-height, 28px);
    border-radius: 4px;
    overflow: hidden;
    background: var(--fleet-code-bg);
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
  .seg-name {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  @container (max-width: 96px) {
    .seg-name {
      display: none;
    }
  }
  @container (max-width: 18px) {
    .seg-glyph {
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
`;
