import { css } from 'lit';
import { sceneStyles } from '../shared/scene-styles.js';

/** Styles of `<fleet-perf-scene>`. */
export const perfSceneStyles = [
  sceneStyles,
  css`
    .key {
      display: flex;
      gap: 1.4em;
      font-size: 0.8em;
      color: var(--fleet-muted);
    }
    .key svg {
      vertical-align: -0.15em;
      margin-right: 0.35em;
    }
    .chart {
      flex: 1;
      min-height: 0;
      margin-top: 16px;
    }
    svg.plot {
      display: block;
      width: 100%;
      height: 100%;
      overflow: visible;
    }
    .grid line {
      stroke: var(--fleet-grid);
      stroke-width: 1;
    }
    .frame {
      fill: none;
      stroke: var(--fleet-muted);
      stroke-width: 1.5;
    }
    .tick-label {
      fill: var(--fleet-muted);
      font-size: 17px;
      font-variant-numeric: tabular-nums;
    }
    .axis-title {
      fill: var(--fleet-fg);
      font-size: 19px;
    }
    .corner {
      fill: var(--fleet-accent);
    }
    .corner-label {
      fill: var(--fleet-accent);
      font-size: 20px;
      font-weight: 700;
    }
    .frontier {
      fill: none;
      stroke: var(--fleet-accent);
      stroke-width: 3;
      stroke-dasharray: 10 7;
      stroke-linejoin: round;
    }
    .frontier-label {
      fill: var(--fleet-accent);
      font-size: 17px;
      font-weight: 600;
    }
    .dot {
      stroke-width: 3;
    }
    .dot.dominated {
      fill-opacity: 0.18;
    }
    .model {
      fill: var(--fleet-fg);
      font-family: var(--fleet-mono);
      font-size: 24px;
      font-weight: 700;
    }
    .detail {
      fill: var(--fleet-muted);
      font-size: 17px;
      font-variant-numeric: tabular-nums;
    }
    /* Text over gridlines and other dots stays legible on the theme background. */
    .model,
    .detail {
      paint-order: stroke;
      stroke: var(--fleet-bg);
      stroke-width: 5px;
      stroke-linejoin: round;
    }
  `,
];
