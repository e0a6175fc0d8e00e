import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SCENES } from '../scene-registry.js';
import { sceneTemplate, sceneTemplateStyles } from '../scene-template.js';
import { StageFitController, stageStyles } from '../stage-fit.js';

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
    stageStyles,
    css`
      :host {
        display: block;
        position: relative;
        overflow: hidden;
        background: var(--fleet-frame-letterbox, var(--fleet-letterbox));
      }
    `,
  ];

  /** The scene to show (0-based); out of range shows nothing. */
  @property({ type: Number }) index = 0;

  private readonly stage = new StageFitController(this);

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('index')) void SCENES[this.index]?.load();
  }

  override render() {
    const entry = SCENES[this.index];
    return html`<div class="stage" part="stage" style=${this.stage.style}>
      ${entry ? sceneTemplate(entry) : html``}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-scene-frame': FleetSceneFrame;
  }
}
