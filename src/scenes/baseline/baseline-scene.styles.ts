import { css } from 'lit';
import { phaseBarStyles } from '../shared/phase-bar.js';
import { sceneStyles } from '../shared/scene-styles.js';
import { shareLegendStyles } from '../shared/share-legend.js';

/** Styles of `<fleet-baseline-scene>`. */
export const baselineSceneStyles = [
  sceneStyles,
  phaseBarStyles,
  shareLegendStyles,
  css`
    .scene-header {
      /* Title over caption. */
      display: block;
    }
    .scene-header h2 {
      margin-bottom: 6px;
    }
    .scene-header p {
      font-size: 1.05em;
    }
    .bar {
      margin: 40px 0 14px;
      --bar-height: 132px;
      --bar-font: 1.45em;
    }
    .note {
      min-height: 1.4em;
      font-size: 0.95em;
      color: var(--fleet-muted);
    }
    .note b {
      color: var(--fleet-fg);
      font-variant-numeric: tabular-nums;
    }
    .lower {
      flex: 1;
      min-height: 0;
      display: grid;
      grid-template-columns: 520px minmax(0, 1fr);
      gap: 56px;
      margin-top: 34px;
    }
    .share-legend {
      font-size: 1.15em;
    }
    .share-legend .name {
      min-width: 11em;
    }
    .share-legend .count {
      min-width: 5em;
    }
    .history {
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    .history svg {
      flex: 1;
      min-height: 0;
      width: 100%;
      border-bottom: 2px solid var(--fleet-grid);
    }
    .axis {
      display: flex;
      justify-content: space-between;
      margin-top: 6px;
      font-size: 0.8em;
      color: var(--fleet-muted);
      font-variant-numeric: tabular-nums;
    }
    .aged {
      color: var(--fleet-fg);
    }
  `,
];
