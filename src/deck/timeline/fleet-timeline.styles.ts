import { css } from 'lit';
import { controlStyles } from '../control-styles.js';
import { iconStyles } from '../icons.js';

/** `<fleet-timeline>`: the bar, its buttons on the page background, the slider. */
export const timelineStyles = [
  controlStyles,
  iconStyles,
  css`
  :host {
    display: block;
    color: var(--fleet-fg);
    font-family: var(--fleet-font);
    font-size: 18px;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 14px;
    padding: 10px 16px;
    border-radius: 10px;
    background: var(--fleet-panel);
    border: 1px solid var(--fleet-border);
  }
  button {
    background: var(--fleet-bg);
    padding: 4px 12px;
    white-space: nowrap;
  }
  button:hover {
    border-color: var(--fleet-accent);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  input:focus-visible {
    outline: 3px solid var(--fleet-focus);
    outline-offset: 2px;
  }
  .state {
    min-width: 6.5em;
    font-weight: 600;
  }
  .state.paused {
    color: var(--fleet-accent);
  }
  input[type='range'] {
    flex: 1;
    min-width: 120px;
    accent-color: var(--fleet-accent);
  }
  .when {
    min-width: 6.5em;
    text-align: right;
    font-variant-numeric: tabular-nums;
    color: var(--fleet-muted);
  }
  /* A narrow column (the presenter view): the slider gets a row of its own. */
  :host([compact]) .bar {
    flex-wrap: wrap;
    gap: 8px 12px;
    padding: 8px 12px;
  }
  :host([compact]) input[type='range'] {
    order: 10;
    flex-basis: 100%;
  }
  :host([compact]) .when {
    min-width: 0;
    margin-left: auto;
  }
  .span {
    color: var(--fleet-muted);
    font-size: 0.85em;
    white-space: nowrap;
  }
`,
];
