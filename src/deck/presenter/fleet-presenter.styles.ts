import { css } from 'lit';
import { visuallyHiddenStyles } from '../../scenes/shared/scene-styles.js';
import { controlStyles } from '../control-styles.js';
import { themeHostStyles } from '../theme.js';

/** `<fleet-presenter>`: header, the two scene frames, notes, timer and the scene buttons. */
export const presenterStyles = [
  themeHostStyles(),
  visuallyHiddenStyles,
  controlStyles,
  css`
    :host {
      display: grid;
      grid-template-rows: auto 1fr auto;
      gap: 14px;
      box-sizing: border-box;
      height: 100%;
      padding: 16px 20px;
      background: var(--fleet-letterbox);
      color: var(--fleet-fg);
      font-family: var(--fleet-font);
      font-size: 18px;
    }
    header,
    nav {
      display: flex;
      align-items: center;
      gap: 18px;
      flex-wrap: wrap;
    }
    h1 {
      margin: 0;
      font-size: 1.5em;
      font-weight: 650;
    }
    .count {
      font-variant-numeric: tabular-nums;
      color: var(--fleet-muted);
      font-size: 1.2em;
    }
    .where {
      display: flex;
      align-items: baseline;
      gap: 14px;
      min-width: 0;
      flex: 1;
    }
    .link {
      display: flex;
      align-items: center;
      gap: 8px;
      color: var(--fleet-muted);
    }
    .link .glyph {
      font-size: 0.9em;
    }
    .link.connected .glyph {
      color: #3fb27f;
    }
    main {
      display: grid;
      grid-template-columns: minmax(0, 62fr) minmax(0, 38fr);
      gap: 16px;
      min-height: 0;
    }
    section,
    aside {
      min-height: 0;
    }
    aside {
      display: grid;
      grid-template-rows: auto minmax(0, 1fr) auto;
      gap: 16px;
    }
    .label {
      margin: 0 0 6px;
      font-size: 0.85em;
      font-weight: 600;
      letter-spacing: 0.04em;
      text-transform: uppercase;
      color: var(--fleet-muted);
    }
    .current {
      display: flex;
      flex-direction: column;
    }
    fleet-scene-frame {
      /* The frame's letterbox melts into the page: only the 16:9 slide shows. */
      --fleet-frame-letterbox: transparent;
    }
    .current fleet-scene-frame {
      flex: 1;
      min-height: 0;
    }
    .current fleet-scene-frame::part(stage) {
      outline: 4px solid var(--fleet-accent);
      outline-offset: -4px;
    }
    .next fleet-scene-frame {
      aspect-ratio: 16 / 9;
    }
    .next fleet-scene-frame::part(stage) {
      outline: 3px solid var(--fleet-border);
      outline-offset: -3px;
    }
    .end {
      display: grid;
      place-items: center;
      aspect-ratio: 16 / 9;
      border-radius: 6px;
      border: 1px dashed var(--fleet-border);
      color: var(--fleet-muted);
    }
    .notes {
      display: flex;
      flex-direction: column;
      padding: 14px 18px;
      border-radius: 8px;
      background: var(--fleet-panel);
      border: 1px solid var(--fleet-border);
    }
    .note-text {
      margin: 0;
      overflow: auto;
      font-size: 1.35em;
      line-height: 1.5;
    }
    .timer {
      display: flex;
      align-items: center;
      gap: 14px;
      font-variant-numeric: tabular-nums;
    }
    .clock {
      display: flex;
      flex-direction: column;
      line-height: 1.1;
    }
    .clock b {
      font-size: 1.6em;
    }
    .clock small {
      color: var(--fleet-muted);
      font-size: 0.75em;
    }
    .overtime b {
      color: var(--fleet-overtime);
    }
    .bar {
      width: 120px;
      height: 8px;
      border-radius: 4px;
      background: var(--fleet-grid);
      overflow: hidden;
    }
    .bar span {
      display: block;
      height: 100%;
      background: var(--fleet-accent);
    }
    button {
      padding: 6px 14px;
    }
    button:hover {
      border-color: var(--fleet-accent);
    }
    input {
      width: 4.2em;
      padding: 6px 8px;
    }
    .note-text:focus-visible {
      outline: 3px solid var(--fleet-focus);
      outline-offset: 2px;
    }
    label {
      display: flex;
      align-items: center;
      gap: 8px;
      color: var(--fleet-muted);
    }
    nav .keys {
      margin-left: auto;
      color: var(--fleet-muted);
    }
    kbd {
      font-family: var(--fleet-mono);
      padding: 0 0.3em;
      border: 1px solid var(--fleet-border);
      border-radius: 4px;
    }
    `,
];
