import { format } from 'd3-format';
import { html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import type { ProfileCurve } from '../../store/profiles.js';
import { emptyState } from '../shared/empty-state.js';
import { SizeController } from '../shared/size-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { type GridShape, gridShape, visibleProfiles } from './attack-grid.js';
import { attacksSceneStyles, GAP } from './attacks-scene.styles.js';
import { SPARK_HEIGHT, SPARK_WIDTH, sparkline } from './sparkline.js';

const text = SCENE_TEXT.attacks;

const peakFormat = format('.3~g');

/**
 * Scene 7: one sparkline per malware profile, each curve rescaled to its own
 * peak so a quiet beacon and a loud miner are equally legible, with the
 * profile's name and one-line shape. A later `attack_profile` with the same
 * name replaces the curve in place.
 *
 * @csspart empty - the empty state before the first profile
 * @csspart grid - the grid of profiles
 * @csspart profile - one profile cell
 * @cssprop --fleet-accent - sparkline colour
 * @cssprop --fleet-panel - cell background
 */
@customElement('fleet-attacks-scene')
export class FleetAttacksScene extends LitElement {
  static override styles = attacksSceneStyles;

  private readonly store = new StoreController(this, ['profiles']);

  private readonly size = new SizeController(this, '.grid');

  /** The grid shape last drawn (for tests). */
  shape?: GridShape;

  private profile(p: ProfileCurve): unknown {
    const g = sparkline(p.normalized);
    const label = `${displayText(p.name)}: ${displayText(p.shape) ?? 'no shape given'}; ${p.curve.length} samples, ${text.peak} ${peakFormat(p.peak)}`;
    return html`<article class="profile" part="profile" data-name=${p.name}>
      <div class="title">
        <span class="name" title=${displayText(p.name)}>${displayText(p.name)}</span>
        <span class="peak muted">${text.peak} ${peakFormat(p.peak)}</span>
      </div>
      <p class="shape muted" title=${displayText(p.shape) ?? ''}>${displayText(p.shape) ?? '—'}</p>
      <svg viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" preserveAspectRatio="none" role="img" aria-label=${label}>
        <line class="zero" x1="0" x2=${SPARK_WIDTH} y1=${g.zeroY} y2=${g.zeroY} vector-effect="non-scaling-stroke"></line>
        <path class="area" d=${g.area}></path>
        <path class="line" d=${g.line} vector-effect="non-scaling-stroke"></path>
      </svg>
    </article>`;
  }

  override render() {
    const { byName } = this.store.state.profiles;
    if (byName.size === 0) return emptyState(text.heading, ['attack_profile']);
    const { shown, hidden } = visibleProfiles(byName);
    const width = this.size.width || 1472;
    const height = this.size.height || 700;
    const shape = gridShape(shown.length, width, height, GAP);
    this.shape = shape;
    return html`
      <header class="scene-header">
        <h2>${text.heading}</h2>
        <p class="muted">${`${byName.size} ${text.caption}`}</p>
      </header>
      <div
        class="grid"
        part="grid"
        style="grid-template-columns:repeat(${shape.cols}, minmax(0, 1fr));grid-template-rows:repeat(${shape.rows}, minmax(0, 1fr));font-size:${shape.nameSize}px"
      >
        ${shown.map((p) => this.profile(p))}
      </div>
      ${hidden > 0 ? html`<p class="more muted">+${hidden} more profiles not shown (the ${shown.length} updated last are)</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-attacks-scene': FleetAttacksScene;
  }
}
