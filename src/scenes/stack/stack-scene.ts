import { LitElement, html as litHtml, nothing, svg } from 'lit';
import { customElement } from 'lit/decorators.js';
import { STACK_TEXT, type StackStage } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { modelColor, phaseColor, phaseGlyph } from '../../contract/palette.js';
import { MODELS, PHASES, phaseLabel } from '../../contract/vocabulary.js';
import { StoreController } from '../shared/store-controller.js';
import { type Box, layoutStack, STACK_GAP_X, type StackNode, wrapWords } from './stack-layout.js';
import { stackSceneStyles } from './stack-scene.styles.js';

/** The diagram's drawing size in user units; the SVG scales it to its box. */
export const STACK_WIDTH = 1472;
export const STACK_HEIGHT = 620;

const TITLE_Y = 52;
const LINE_Y0 = 100;
const LINE_STEP = 33;
const PAD_X = 24;
/** Source labels (a WebSocket URL can be long) are cut to this many characters. */
const SOURCE_CHARS = 24;
/** Space (px) kept between a flow label and the boxes either side of it. */
const LABEL_CLEARANCE = 6;

/** `text` cut to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * Scene 2: the pipeline as a diagram, from fleet hosts with telemetry
 * agents through collection, the labelled episode store, training and
 * inference, to the event bus and this deck. Words come from the content
 * folder; the bus box names the live source of this deck's events.
 *
 * @csspart diagram - the SVG diagram
 * @cssprop --fleet-panel - box fill
 * @cssprop --fleet-border - box outline
 * @cssprop --fleet-accent - this deck's box and the step badges
 */
@customElement('fleet-stack-scene')
export class FleetStackScene extends LitElement {
  static override styles = stackSceneStyles;

  // Only the source badge in the bus box is live; no store drives this scene.
  private readonly store = new StoreController(this, []);

  /** The live source line shown in the bus box. */
  get sourceLine(): string {
    return `${STACK_TEXT.sourcePrefix} ${displayText(this.store.bus.source.label)}`;
  }

  protected override updated(): void {
    this.fitTexts();
  }

  /**
   * SVG text does not wrap: a line a presenter made longer than its box is
   * condensed to fit (`textLength`) rather than spilling over the border.
   */
  private fitTexts(): void {
    for (const node of this.renderRoot.querySelectorAll<SVGTextElement>('text[data-fit]')) {
      node.removeAttribute('textLength');
      node.removeAttribute('lengthAdjust');
      const max = Number(node.dataset.fit);
      const length = node.getComputedTextLength();
      if (length > max) {
        node.setAttribute('textLength', String(max));
        node.setAttribute('lengthAdjust', 'spacingAndGlyphs');
      }
    }
  }

  private modelChips(node: Box, top: number) {
    const chipW = 70;
    const chipH = 34;
    const gap = 10;
    const perRow = Math.max(1, Math.floor((node.w - 2 * PAD_X + gap) / (chipW + gap)));
    return MODELS.map((model, i) => {
      const x = node.x + PAD_X + (i % perRow) * (chipW + gap);
      const y = top + Math.floor(i / perRow) * (chipH + gap);
      return svg`<g class="chip" data-model=${model}>
        <rect x=${x} y=${y} width=${chipW} height=${chipH} rx="6" fill=${modelColor(model)}></rect>
        <text class="chip-text" x=${x + chipW / 2} y=${y + 24} text-anchor="middle">${model}</text>
      </g>`;
    });
  }

  private node(node: StackNode) {
    const text = STACK_TEXT.nodes[node.stage];
    const lines = text.lines.slice(0, 3);
    const inner = node.w - 2 * PAD_X;
    const extra = (stage: StackStage) => {
      const below = node.y + LINE_Y0 + lines.length * LINE_STEP - 14;
      if (stage === 'training') return this.modelChips(node, below);
      // The full line as a property, not a child binding: server rendering (@lit-labs/ssr)
      // reads <title> as raw text and cannot place a binding inside it.
      if (stage === 'bus')
        return svg`<text class="source-line" data-fit=${inner} x=${node.x + PAD_X} y=${below + 34}
          ><title .textContent=${this.sourceLine}></title>${truncate(this.sourceLine, SOURCE_CHARS)}</text>`;
      return nothing;
    };
    return svg`<g class="node ${node.stage}" data-stage=${node.stage}>
      <rect class="box" x=${node.x} y=${node.y} width=${node.w} height=${node.h} rx="16"></rect>
      <circle class="badge" cx=${node.x + 38} cy=${node.y + TITLE_Y - 9} r="17"></circle>
      <text class="badge-text" x=${node.x + 38} y=${node.y + TITLE_Y - 2} text-anchor="middle">${node.step}</text>
      <text class="node-title" data-fit=${node.w - 66 - 14} x=${node.x + 66} y=${node.y + TITLE_Y}>${text.title}</text>
      ${lines.map((line, i) => svg`<text class="node-line" data-fit=${inner} x=${node.x + PAD_X} y=${node.y + LINE_Y0 + i * LINE_STEP}>${line}</text>`)}
      ${extra(node.stage)}
    </g>`;
  }

  private legend(box: Box) {
    return svg`<g class="phase-legend">
      <rect class="legend-box" x=${box.x} y=${box.y} width=${box.w} height=${box.h} rx="16"></rect>
      <text class="legend-title" data-fit=${box.w - 2 * PAD_X} x=${box.x + PAD_X} y=${box.y + 44}>${STACK_TEXT.labelsBox.title}</text>
      ${PHASES.map((phase, i) => {
        const y = box.y + 96 + i * 35;
        return svg`<g data-phase=${phase}>
          <rect x=${box.x + PAD_X} y=${y - 21} width="28" height="28" rx="4" fill=${phaseColor(phase)}></rect>
          <text class="glyph" x=${box.x + PAD_X + 14} y=${y - 1} text-anchor="middle">${phaseGlyph(phase)}</text>
          <text class="phase-text" x=${box.x + PAD_X + 42} y=${y}>${phaseLabel(phase)}</text>
        </g>`;
      })}
    </g>`;
  }

  override render() {
    const layout = layoutStack(STACK_WIDTH, STACK_HEIGHT);
    const summary = layout.nodes.map((n) => STACK_TEXT.nodes[n.stage].title).join(' → ');
    return litHtml`
      <header class="scene-header">
        <h2>${STACK_TEXT.heading}</h2>
        <p class="muted">${STACK_TEXT.caption}</p>
      </header>
      <svg part="diagram" viewBox="0 0 ${STACK_WIDTH} ${STACK_HEIGHT}" preserveAspectRatio="xMidYMid meet" role="img" aria-label=${summary}>
        <defs>
          <marker id="head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
            <path class="arrowhead" d="M0,0 L10,5 L0,10 z"></path>
          </marker>
        </defs>
        ${this.legend(layout.legend)}
        ${layout.arrows.map((arrow) => {
          const label = wrapWords(STACK_TEXT.flows[arrow.from as keyof typeof STACK_TEXT.flows], 11);
          const dy =
            arrow.labelAnchor === 'middle' ? -(label.length - 1) * 22 : -((label.length - 1) * 22) / 2;
          // A label between two boxes keeps clear of both: "detections" ran into their borders.
          const fit = arrow.labelAnchor === 'middle' ? STACK_GAP_X - 2 * LABEL_CLEARANCE : undefined;
          return svg`<g class="arrow" data-from=${arrow.from} data-to=${arrow.to}>
            <path class="flow" d=${arrow.path} marker-end="url(#head)"></path>
            ${label.map(
              (line, i) =>
                svg`<text class="flow-label" data-fit=${fit ?? nothing} x=${arrow.labelX} y=${arrow.labelY + dy + i * 22} text-anchor=${arrow.labelAnchor}>${line}</text>`,
            )}
          </g>`;
        })}
        ${layout.nodes.map((node) => this.node(node))}
      </svg>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-stack-scene': FleetStackScene;
  }
}
