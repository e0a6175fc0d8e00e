import { format } from 'd3';
import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ProfileCurve } from '../../store/profiles.js';
import { emptyState } from '../shared/empty-state.js';
import { sceneStyles } from '../shared/scene-styles.js';
import { SizeController } from '../shared/size-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { type GridShape, gridShape, visibleProfiles } from './attack-grid.js';
import { SPARK_HEIGHT, SPARK_WIDTH, sparkline } from './sparkline.js';

const peakFormat = format('.3~g');
const GAP = 16;

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
  static override styles = [
    sceneStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
      }
      header p {
        margin: 0;
      }
      .grid {
        flex: 1;
        min-height: 0;
        display: grid;
        gap: ${GAP}px;
      }
      .profile {
        display: flex;
        flex-direction: column;
        min-width: 0;
        min-height: 0;
        padding: 0.55em 0.8em 0.6em;
        border-radius: 10px;
        background: var(--fleet-panel);
        border: 1px solid var(--fleet-border);
      }
      .title {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 0.6em;
      }
      .name {
        font-weight: 700;
        font-family: var(--fleet-mono);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .peak {
        font-size: 0.62em;
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      .shape {
        margin: 0.1em 0 0.35em;
        font-size: 0.7em;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      svg {
        flex: 1;
        min-height: 0;
        width: 100%;
        display: block;
        overflow: visible;
      }
      .zero {
        stroke: var(--fleet-grid);
        stroke-width: 1;
      }
      .area {
        fill: var(--fleet-accent);
        fill-opacity: 0.16;
      }
      .line {
        fill: none;
        stroke: var(--fleet-accent);
        stroke-width: 2.5;
        stroke-linejoin: round;
      }
      .more {
        margin: 0.4em 0 0;
        font-size: 0.75em;
      }
    `,
  ];

  private readonly store = new StoreController(this, ['profiles']);

  private readonly size = new SizeController(this, '.grid');

  /** The grid shape last drawn (for tests). */
  shape?: GridShape;

  private profile(p: ProfileCurve): unknown {
    const g = sparkline(p.normalized);
    const label = `${p.name}: ${p.shape ?? 'no shape given'}; ${p.curve.length} samples, peak ${peakFormat(p.peak)}`;
    return html`<article class="profile" part="profile" data-name=${p.name}>
      <div class="title">
        <span class="name" title=${p.name}>${p.name}</span>
        <span class="peak muted">peak ${peakFormat(p.peak)}</span>
      </div>
      <p class="shape muted" title=${p.shape ?? ''}>${p.shape ?? '—'}</p>
      <svg viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" preserveAspectRatio="none" role="img" aria-label=${label}>
        <line class="zero" x1="0" x2=${SPARK_WIDTH} y1=${g.zeroY} y2=${g.zeroY} vector-effect="non-scaling-stroke"></line>
        <path class="area" d=${g.area}></path>
        <path class="line" d=${g.line} vector-effect="non-scaling-stroke"></path>
      </svg>
    </article>`;
  }

  override render() {
    const { byName } = this.store.state.profiles;
    if (byName.size === 0) return emptyState('Attack profiles', ['attack_profile']);
    const { shown, hidden } = visibleProfiles(byName);
    const width = this.size.width || 1472;
    const height = this.size.height || 700;
    const shape = gridShape(shown.length, width, height, GAP);
    this.shape = shape;
    return html`
      <header class="scene-header">
        <h2>Attack profiles</h2>
        <p class="muted">${byName.size} profiles · each curve scaled to its own peak</p>
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
