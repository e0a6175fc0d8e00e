import { html, type TemplateResult } from 'lit';
import { phaseColor, phaseGlyph } from '../../contract/palette.js';
import { phaseLabel } from '../../contract/vocabulary.js';

/**
 * A phase as a colour chip with its glyph and label, so colour is never the
 * only carrier of a phase. Unknown phases show their own text on the neutral swatch.
 */
export function phaseSwatch(phase: string, withLabel = true): TemplateResult {
  return html`<span class="swatch" data-phase=${phase}
    ><span class="chip" style="background:${phaseColor(phase)}" aria-hidden="true">${phaseGlyph(phase)}</span
    >${withLabel ? html`<span class="label">${phaseLabel(phase)}</span>` : ''}</span
  >`;
}
