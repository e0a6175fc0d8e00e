import { css } from 'lit';
import { sceneStyles } from '../shared/scene-styles.js';

export const GAP = 16;

/** Styles of `<fleet-attacks-scene>`. */
export const attacksSceneStyles = [
  sceneStyles,
  css`
    .scene-header {
      /* The gap under the title (the heading's 0.5em, at 1.7em). */
      margin-bottom: 0.85em;
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
