import { css } from 'lit';
import { sceneStyles, tooltipStyles } from '../shared/scene-styles.js';

/** Styles of `<fleet-knn-scene>`. */
export const knnSceneStyles = [
  sceneStyles,
  tooltipStyles,
  css`
    :host {
      gap: 12px;
    }
    .scene-header {
      align-items: flex-end;
    }
    .stats {
      margin-top: 4px;
      font-variant-numeric: tabular-nums;
    }
    .stats b {
      font-weight: 700;
    }
    .modes {
      display: inline-flex;
      padding: 4px;
      gap: 4px;
      border-radius: 999px;
      background: var(--fleet-panel);
      border: 1px solid var(--fleet-border);
    }
    button {
      font: inherit;
      color: inherit;
      cursor: pointer;
    }
    .modes button {
      font-size: 0.82em;
      padding: 0.3em 1em;
      border: 0;
      border-radius: 999px;
      background: transparent;
      color: var(--fleet-muted);
    }
    .modes button[aria-pressed='true'] {
      background: var(--fleet-accent);
      color: var(--fleet-bg);
      font-weight: 650;
    }
    .modes button:focus-visible,
    .reset:focus-visible {
      outline: 2px solid var(--fleet-accent);
      outline-offset: 2px;
    }
    .body {
      flex: 1;
      min-height: 0;
      display: grid;
      grid-template-columns: 1fr 340px;
      gap: 28px;
    }
    .viewport {
      position: relative;
      min-width: 0;
      min-height: 0;
      overflow: hidden;
      border-radius: 14px;
      /* No background of its own: under a WebGL canvas that redraws every
         frame, a painted gradient cost about a third of the frame time with
         software compositing (the canvas is now opaque as well). */
      touch-action: none;
    }
    .gl,
    .gl canvas {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      display: block;
    }
    .gl canvas {
      cursor: grab;
    }
    .gl canvas:active {
      cursor: grabbing;
    }
    .labels {
      position: absolute;
      inset: 0;
      pointer-events: none;
    }
    .axis-label {
      position: absolute;
      left: 0;
      top: 0;
      /* Moved every frame: a layer of its own, so moving it repaints nothing. */
      will-change: transform;
      font-family: var(--fleet-mono);
      font-size: 0.8em;
      color: var(--fleet-muted);
    }
    .reset {
      position: absolute;
      left: 14px;
      bottom: 14px;
      font-size: 0.72em;
      padding: 0.35em 0.9em;
      border-radius: 8px;
      background: var(--fleet-panel);
      border: 1px solid var(--fleet-border);
    }
    .hint {
      position: absolute;
      right: 16px;
      bottom: 16px;
      margin: 0;
      font-size: 0.65em;
      pointer-events: none;
    }
    .notice {
      position: absolute;
      left: 16px;
      top: 14px;
      right: 16px;
      margin: 0;
      font-size: 0.75em;
      color: var(--fleet-muted);
    }
    .notice b {
      color: var(--fleet-fg);
    }
    aside {
      align-self: start;
      max-height: 100%;
      display: flex;
      flex-direction: column;
      min-height: 0;
      padding: 18px 20px;
      border-radius: 14px;
      background: var(--fleet-panel);
    }
    aside h3 {
      margin: 0 0 10px;
      font-size: 0.8em;
      font-weight: 650;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: var(--fleet-muted);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      overflow-y: auto;
      min-height: 0;
    }
    li {
      display: grid;
      grid-template-columns: 1em minmax(0, 1fr) auto;
      align-items: center;
      column-gap: 0.55em;
      padding: 0.2em 0;
      font-size: 0.88em;
    }
    ul.dense {
      display: grid;
      grid-template-columns: 1fr 1fr;
      column-gap: 18px;
    }
    ul.dense li {
      font-size: 0.68em;
      padding: 0.1em 0;
    }
    .dot {
      width: 0.8em;
      height: 0.8em;
      border-radius: 50%;
      box-shadow: inset 0 0 0 1.5px rgba(0, 0, 0, 0.35);
    }
    .unlabelled .dot {
      opacity: 0.5;
    }
    .unlabelled .name {
      color: var(--fleet-muted);
    }
    ul.dense li.unlabelled {
      grid-column: 1 / -1;
    }
    .name {
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    .count {
      font-variant-numeric: tabular-nums;
      text-align: right;
    }
    .share {
      grid-column: 2 / 4;
      height: 3px;
      border-radius: 2px;
      background: var(--fleet-border);
      overflow: hidden;
    }
    .share span {
      display: block;
      height: 100%;
    }
    ul.dense .share {
      display: none;
    }
    .agreement {
      margin-top: 22px;
      padding-top: 16px;
      border-top: 1px solid var(--fleet-border);
    }
    .agreement .rate {
      font-size: 1.9em;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      line-height: 1.1;
    }
    .agreement .of {
      font-size: 0.7em;
    }
    .more {
      margin-top: 8px;
      font-size: 0.7em;
    }
    .tooltip {
      z-index: 2;
      padding: 10px 14px;
      border-radius: 8px;
      font-size: 0.72em;
      line-height: 1.5;
    }
    .tooltip .k {
      display: inline-block;
      min-width: 5.6em;
      color: var(--fleet-muted);
    }
    .tooltip .chip {
      display: inline-block;
      width: 0.7em;
      height: 0.7em;
      margin-right: 0.4em;
      border-radius: 50%;
    }
    .tooltip .xyz {
      font-family: var(--fleet-mono);
      font-size: 0.92em;
    }
  `,
];
