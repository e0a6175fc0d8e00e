import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { type CodeListing, TRAINING_CODE } from '../../content/training-code.js';
import { highlightLines, type Segment } from './highlight.js';
import { longestLine, type ResolvedKeyLine, resolveKeyLines } from './listing.js';
import { trainingCodeSceneStyles } from './training-code-scene.styles.js';

const text = SCENE_TEXT['training-code'];

/**
 * Scene 10: the training loop of the sequence models as a highlighted
 * listing, with line numbers and the key lines marked and explained. The code
 * and notes come from `src/content/training-code.ts`; the type shrinks so the
 * whole listing fits its box.
 *
 * @csspart listing - the code listing
 * @csspart notes - the key-line notes
 * @cssprop --fleet-code-bg - listing background
 * @cssprop --fleet-accent - key-line marks
 * @cssprop --fleet-syntax-keyword - (and -string, -number, -comment, -title, -builtin, -literal) token colours
 */
@customElement('fleet-training-code-scene')
export class FleetTrainingCodeScene extends LitElement {
  static override styles = trainingCodeSceneStyles;

  /** The listing shown; the content folder's training loop unless a page sets another. */
  @property({ attribute: false }) listing: CodeListing = TRAINING_CODE;

  private cache?: { listing: CodeListing; lines: Segment[][]; keys: ResolvedKeyLine[] };

  /** Highlighting runs once per listing, not once per render. */
  private prepared(): { lines: Segment[][]; keys: ResolvedKeyLine[] } {
    if (this.cache?.listing !== this.listing) {
      this.cache = {
        listing: this.listing,
        lines: highlightLines(this.listing.code),
        keys: resolveKeyLines(this.listing),
      };
    }
    return this.cache;
  }

  override render() {
    const { lines, keys } = this.prepared();
    const keyAt = new Map(keys.map((k) => [k.line, k]));
    return html`
      <div class="body">
        <div class="listing" part="listing">
          <div class="fit">
            <ol class="code" style="--lines:${lines.length};--chars:${longestLine(this.listing.code)}" aria-label=${`${this.listing.file}, ${lines.length} lines`}>
              ${lines.map((segments, i) => {
                const key = keyAt.get(i + 1);
                return html`<li class="line ${key ? 'key' : ''}" data-line=${i + 1}
                  ><span class="ln" aria-hidden="true">${i + 1}</span
                  ><span class="mark" aria-hidden="true">${key ? html`<span class="badge">${key.ordinal}</span>` : ''}</span
                  ><code>${segments.map((s) => (s.classes ? html`<span class=${s.classes}>${s.text}</span>` : s.text))}</code></li
                >`;
              })}
            </ol>
          </div>
        </div>
        <aside>
          <h2>${text.heading}</h2>
          <p class="file muted"><code>${this.listing.file}</code> · ${text.language}</p>
          <ol class="notes" part="notes" aria-label=${text.keyLines}>
            ${keys.map(
              (k) => html`<li data-line=${k.line}>
                <span class="badge">${k.ordinal}</span>
                <span><span class="where">line ${k.line}</span>${k.note}</span>
              </li>`,
            )}
          </ol>
        </aside>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-training-code-scene': FleetTrainingCodeScene;
  }
}
