import { css } from 'lit';
import { sceneStyles } from '../shared/scene-styles.js';

/** Room right of the bar area for the value label of a full-length bar. */
const LABEL_ROOM = 190;

/** Styles of `<fleet-models-scene>`. */
export const modelsSceneStyles = [
  sceneStyles,
  css`
    .scene-header {
      /* The gap under the title (the heading's 0.5em, at 1.7em). */
      margin-bottom: 0.85em;
    }
    .chart {
      flex: 1;
      min-height: 0;
      display: grid;
      grid-template-columns: 230px 1fr;
      grid-template-rows: minmax(0, 1fr) 44px;
      column-gap: 20px;
      margin-top: 12px;
    }
    .names,
    .rows {
      display: grid;
      min-height: 0;
    }
    .name {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      gap: 0.45em;
      font-family: var(--fleet-mono);
      font-weight: 700;
      overflow: hidden;
      white-space: nowrap;
    }
    .name .label {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .name .dot {
      flex: none;
      width: 0.6em;
      height: 0.6em;
      border-radius: 50%;
    }
    .plot {
      position: relative;
      margin-right: ${LABEL_ROOM}px;
      min-height: 0;
    }
    .grid-line {
      position: absolute;
      top: 0;
      bottom: 0;
      border-left: 1px solid var(--fleet-grid);
    }
    .grid-line.axis {
      border-left: 2px solid var(--fleet-muted);
    }
    .rows {
      position: absolute;
      inset: 0;
    }
    .row {
      position: relative;
      display: flex;
      align-items: center;
    }
    .bar {
      height: var(--bar, 48px);
      border-radius: 0 6px 6px 0;
      transition: width 700ms cubic-bezier(0.22, 1, 0.36, 1);
    }
    .value {
      position: absolute;
      top: 50%;
      transform: translateY(-50%);
      padding-left: 14px;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      transition: left 700ms cubic-bezier(0.22, 1, 0.36, 1);
    }
    .value .note {
      font-weight: 400;
      font-size: 0.7em;
      color: var(--fleet-muted);
    }
    /* A value below the axis: an arrow at the axis pointing further left, in the model's colour. */
    .pin {
      margin-right: 0.3em;
    }
    .best {
      margin-left: 0.6em;
      padding: 0.05em 0.5em;
      border-radius: 999px;
      font-size: 0.6em;
      font-weight: 700;
      vertical-align: 0.2em;
      color: var(--fleet-bg);
      background: var(--fleet-accent);
    }
    .ticks {
      grid-column: 2;
      position: relative;
      margin-right: ${LABEL_ROOM}px;
    }
    .tick {
      position: absolute;
      top: 8px;
      transform: translateX(-50%);
      font-size: 0.8em;
      color: var(--fleet-muted);
      font-variant-numeric: tabular-nums;
    }
    @media (prefers-reduced-motion: reduce) {
      .bar,
      .value {
        transition: none;
      }
    }
  `,
];
