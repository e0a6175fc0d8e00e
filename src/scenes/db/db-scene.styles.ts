import { css } from 'lit';
import { phaseBarStyles } from '../shared/phase-bar.js';
import { sceneStyles } from '../shared/scene-styles.js';
import { shareLegendStyles } from '../shared/share-legend.js';

/** Styles of `<fleet-db-scene>`. */
export const dbSceneStyles = [
  sceneStyles,
  phaseBarStyles,
  shareLegendStyles,
  css`
    :host {
      gap: 18px;
    }
    .body {
      flex: 1;
      min-height: 0;
      display: grid;
      grid-template-columns: 600px minmax(0, 1fr);
      gap: 44px;
    }
    .left {
      display: flex;
      flex-direction: column;
      gap: 30px;
      min-height: 0;
    }
    .totals {
      display: grid;
      /* minmax(0, …): a long figure must not widen its tile past the column (it did, over the episode list). */
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 16px;
    }
    .tile {
      padding: 16px 22px 14px;
      border-radius: 12px;
      background: var(--fleet-panel);
      border: 1px solid var(--fleet-border);
    }
    .tile .value {
      display: block;
      /* The scene shrinks a figure that outgrows its tile (fitOneLine); the ellipsis is the last resort. */
      font-size: 44px;
      font-weight: 750;
      line-height: 1.1;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .tile .name {
      font-size: 0.9em;
      color: var(--fleet-muted);
    }
    .tile .waiting {
      display: block;
      font-size: 0.8em;
      line-height: 2.6;
      color: var(--fleet-muted);
    }
    .per-phase {
      --bar-height: 58px;
      --bar-font: 0.9em;
    }
    .per-phase .share-legend {
      margin-top: 14px;
      width: 100%;
      font-size: 0.95em;
    }
    .per-phase .share-legend .name {
      width: 100%;
    }
    .episodes {
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    .episodes ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 12px;
      overflow: hidden;
    }
    .episodes li {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      column-gap: 16px;
      row-gap: 5px;
      --strip-height: 22px;
    }
    .episodes .id {
      font-family: var(--fleet-mono);
      font-weight: 700;
      font-size: 0.86em;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .episodes .who {
      margin-left: 0.7em;
      font-family: var(--fleet-font);
      font-weight: 400;
      color: var(--fleet-muted);
    }
    .episodes .facts {
      font-size: 0.78em;
      color: var(--fleet-muted);
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .episodes .strip {
      grid-column: 1 / -1;
    }
    .quiet {
      color: var(--fleet-muted);
    }
  `,
];
