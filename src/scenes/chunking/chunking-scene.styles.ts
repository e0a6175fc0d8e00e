import { css } from 'lit';
import { sceneStyles } from '../shared/scene-styles.js';
import { keyStyles, swatchStyles } from '../shared/swatch-styles.js';

/** Dark ink on the phase colours: every phase colour is light enough for it. */
const INK = css`#050608`; // opaque: at 0.88 alpha it fell to 4.1:1 on infected running

/** Styles of `<fleet-chunking-scene>`. */
export const chunkingSceneStyles = [
  sceneStyles,
  swatchStyles,
  keyStyles,
  css`
    :host {
      gap: 22px;
    }
    .episode code {
      font-size: 1em;
    }
    .lead {
      margin: 0;
    }
    .timeline {
      display: grid;
      grid-template-columns: 170px 1fr;
      grid-template-rows: 40px minmax(0, 1fr) 84px;
      row-gap: 12px;
      column-gap: 18px;
      flex: 1;
      min-height: 0;
      margin-top: 8px;
    }
    .row-label {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      text-align: right;
      color: var(--fleet-muted);
    }
    .track {
      position: relative;
    }
    .tick {
      position: absolute;
      bottom: 0;
      font-size: 0.8em;
      color: var(--fleet-muted);
      font-variant-numeric: tabular-nums;
      transform: translateX(-50%);
      padding-bottom: 6px;
      white-space: nowrap;
    }
    .tick::after {
      content: '';
      position: absolute;
      left: 50%;
      bottom: -8px;
      height: 8px;
      border-left: 2px solid var(--fleet-grid);
    }
    .tick.first {
      transform: none;
    }
    .tick.first::after {
      left: 0;
    }
    .tick.last {
      transform: translateX(-100%);
    }
    .tick.last::after {
      left: auto;
      right: 0;
    }
    .cell,
    .truth {
      position: absolute;
      top: 0;
      bottom: 0;
      display: flex;
      flex-direction: column;
      justify-content: space-between;
      padding: 14px 16px;
      border-radius: 8px;
      overflow: hidden;
      color: ${INK};
    }
    .cell {
      border: 3px solid transparent;
    }
    .cell.waiting,
    .truth.unknown {
      border: 2px dashed var(--fleet-border);
      color: var(--fleet-muted);
      background: transparent;
    }
    .cell.mismatch::before {
      content: '';
      position: absolute;
      inset: 0;
      background: repeating-linear-gradient(135deg, transparent 0 12px, rgba(10, 12, 16, 0.6) 12px 17px);
      pointer-events: none;
    }
    /* An earlier episode's cell: the colour veiled by the background, the text in the theme's ink. */
    .cell.stale,
    .truth.stale {
      color: var(--fleet-fg);
    }
    .cell.stale::after,
    .truth.stale::after {
      content: '';
      position: absolute;
      inset: 0;
      background: var(--fleet-bg);
      opacity: 0.62;
    }
    .cell > span,
    .truth > span {
      position: relative;
      z-index: 1;
    }
    .window {
      position: relative;
      font-size: 0.8em;
      font-weight: 600;
    }
    .phase {
      position: relative;
      font-size: 1.35em;
      font-weight: 750;
      line-height: 1.1;
    }
    .waiting .phase {
      font-size: 1em;
      font-weight: 600;
    }
    .glyph {
      display: block;
      font-size: 1.3em;
      margin-bottom: 4px;
    }
    .note {
      position: relative;
      font-size: 0.72em;
      font-weight: 600;
    }
    /* Under the hatch, the words sit on plates of the cell's own colour so they stay legible. */
    .mismatch .window,
    .mismatch .phase,
    .mismatch .note {
      align-self: flex-start;
      margin-left: -6px;
      padding: 2px 6px;
      border-radius: 4px;
      background: var(--cell);
    }
    .truth {
      justify-content: center;
      padding: 6px 12px;
      font-size: 0.9em;
      font-weight: 650;
      line-height: 1.15;
    }
    .summary {
      margin: 0;
      font-size: 1.05em;
    }
    .summary b {
      font-variant-numeric: tabular-nums;
    }
    .key.mismatch {
      background: repeating-linear-gradient(135deg, #e0b040 0 3px, #0b0d10 3px 5px);
    }
    .key.stale {
      background: #8a8f98;
      opacity: 0.35;
    }
  `,
];
