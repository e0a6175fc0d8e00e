import { css } from 'lit';
import { visuallyHiddenStyles } from '../scenes/shared/scene-styles.js';
import { sourceDotStyles } from '../scenes/shared/source-dot-styles.js';
import { sceneTemplateStyles } from './scene-template.js';
import { stageStyles } from './stage-fit.js';
import { themeHostStyles } from './theme.js';

/** `<fleet-deck>`: the theme on its host, the stage, its chrome and overlays. */
export const deckStyles = [
  themeHostStyles(),
  sourceDotStyles,
  stageStyles,
  sceneTemplateStyles,
  visuallyHiddenStyles,
  css`
    :host {
      display: block;
      position: relative;
      width: 100%;
      height: 100%;
      min-height: 180px;
      overflow: hidden;
      background: var(--fleet-letterbox);
      color: var(--fleet-fg);
      font-family: var(--fleet-font);
      touch-action: pan-y;
    }
    :host(:focus-visible) {
      outline: 3px solid var(--fleet-focus);
      outline-offset: -3px;
    }
    .chrome {
      position: absolute;
      bottom: 12px;
      font-size: 15px;
      color: var(--fleet-muted);
      z-index: 5;
    }
    .progress {
      left: 20px;
    }
    .source {
      right: 20px;
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .dot {
      width: 9px;
      height: 9px;
      border-radius: 50%;
      background: #8a8f98;
    }
    .overlay {
      position: absolute;
      inset: 0;
      z-index: 10;
      padding: 48px 64px;
      background: var(--fleet-overlay);
      overflow: auto;
    }
    .overview {
      display: grid;
      grid-template-columns: repeat(5, 1fr);
      gap: 18px;
    }
    .overview button {
      height: 150px;
      padding: 14px;
      text-align: left;
      vertical-align: top;
      border-radius: 10px;
      border: 2px solid var(--fleet-border);
      background: var(--fleet-panel);
      color: inherit;
      font: inherit;
      font-size: 18px;
      cursor: pointer;
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .overview button[aria-current='true'] {
      border-color: var(--fleet-accent);
    }
    .overview button:focus-visible {
      outline: 3px solid var(--fleet-focus);
      outline-offset: 2px;
    }
    .overview .n {
      font-size: 30px;
      font-weight: 700;
      color: var(--fleet-muted);
    }
    .help table {
      font-size: 22px;
      border-collapse: collapse;
    }
    .help td {
      padding: 6px 28px 6px 0;
    }
    .help kbd {
      font-family: ui-monospace, Menlo, Consolas, monospace;
    }
    /* A short notice at the top of the stage: the digits typed so far, a mark made. */
    .stage-notice {
      position: absolute;
      top: 20px;
      left: 50%;
      transform: translateX(-50%);
      z-index: 11;
      padding: 8px 18px;
      border-radius: 8px;
      background: var(--fleet-panel);
      font-size: 24px;
    }
    .presenter-link {
      position: absolute;
      top: 20px;
      right: 20px;
      z-index: 12;
      display: flex;
      align-items: center;
      gap: 14px;
      padding: 12px 18px;
      border-radius: 8px;
      font-size: 20px;
      background: var(--fleet-panel);
      border: 1px solid var(--fleet-border);
    }
    .presenter-link a {
      color: var(--fleet-accent);
      font-weight: 600;
    }
    .presenter-link a:focus-visible,
    .presenter-link button:focus-visible {
      outline: 3px solid var(--fleet-focus);
      outline-offset: 2px;
    }
    .presenter-link button {
      font: inherit;
      color: inherit;
      background: none;
      border: 1px solid var(--fleet-border);
      border-radius: 6px;
      cursor: pointer;
    }
    `,
];
