import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { SCENES } from '../scene-registry.js';
import { sceneTemplate, sceneTemplateStyles } from '../scene-template.js';
import { fitStage, STAGE_HEIGHT, STAGE_WIDTH } from '../stage.js';

/**
 * One scene on its own 1600×900 stage, scaled to fit this element
 * (letterboxed), for the presenter's current and next previews. The scene is
 * the real element, reading the bus of the nearest provider, so it is live.
 *
 * @csspart stage - the scaled stage
 * @cssprop --fleet-frame-letterbox - around the stage (default: the theme's letterbox)
 */
@customElement('fleet-scene-frame')
export class FleetSceneFrame extends LitElement {
  static override styles = [
    sceneTemplateStyles,
    css`
      :host {
        display: block;
        position: relative;
        overflow: hidden;
        background: var(--fleet-frame-letterbox, var(--fleet-letterbox));
      }
      .stage {
        position: absolute;
        left: 0;
        top: 0;
        width: ${STAGE_WIDTH}px;
        height: ${STAGE_HEIGHT}px;
        transform-origin: 0 0;
        overflow: hidden;
        background: var(--fleet-bg);
      }
    `,
  ];

  /** The scene to show (0-based); out of range shows nothing. */
  @property({ type: Number }) index = 0;

  @state() private fit = { scale: 1, x: 0, y: 0 };
  private resizeObserver?: ResizeObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver(() => {
      this.fit = fitStage(this.clientWidth, this.clientHeight);
    });
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('index')) void SCENES[this.index]?.load();
  }

  override render() {
    const entry = SCENES[this.index];
    const { scale, x, y } = this.fit;
    return html`<div class="stage" part="stage" style="transform:translate(${x}px, ${y}px) scale(${scale})">
      ${entry ? sceneTemplate(entry) : html``}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-scene-frame': FleetSceneFrame;
  }
}
