import { css } from 'lit';
import { sceneStyles } from '../shared/scene-styles.js';

/** Styles of `<fleet-stack-scene>`. */
export const stackSceneStyles = [
  sceneStyles,
  css`
    .scene-header {
      justify-content: flex-start;
      gap: 28px;
      margin-bottom: 20px;
    }
    .scene-header p {
      font-size: 1.05em;
    }
    svg {
      flex: 1;
      min-height: 0;
      width: 100%;
      overflow: visible;
    }
    .box {
      fill: var(--fleet-panel);
      stroke: var(--fleet-border);
      stroke-width: 2;
    }
    .node.deck .box {
      stroke: var(--fleet-accent);
      stroke-width: 3;
    }
    .legend-box {
      fill: none;
      stroke: var(--fleet-border);
      stroke-width: 2;
      stroke-dasharray: 8 7;
    }
    .badge {
      fill: var(--fleet-accent);
    }
    .badge-text {
      fill: #000;
      font-size: 20px;
      font-weight: 700;
    }
    .node-title {
      fill: var(--fleet-fg);
      font-size: 30px;
      font-weight: 700;
    }
    .node-line {
      fill: var(--fleet-muted);
      font-size: 22px;
    }
    .source-line {
      fill: var(--fleet-fg);
      font-size: 22px;
      font-weight: 650;
    }
    .legend-title {
      fill: var(--fleet-muted);
      font-size: 22px;
    }
    .chip-text {
      fill: #000;
      font-size: 19px;
      font-weight: 700;
    }
    .flow {
      fill: none;
      stroke: var(--fleet-muted);
      stroke-width: 3;
      stroke-dasharray: 10 8;
      animation: flow 1.2s linear infinite;
    }
    .arrowhead {
      fill: var(--fleet-muted);
    }
    .flow-label {
      fill: var(--fleet-fg);
      font-size: 19px;
      font-style: italic;
    }
    .phase-text {
      fill: var(--fleet-fg);
      font-size: 22px;
    }
    .glyph {
      fill: #000;
      font-size: 16px;
    }
    @keyframes flow {
      to {
        stroke-dashoffset: -36;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .flow {
        animation: none;
      }
    }
  `,
];
