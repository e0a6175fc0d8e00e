import { css } from 'lit';

export const timelineStyles = css`
  :host {
    display: block;
    color: var(--fleet-fg, #e8eaed);
    font-family: var(--fleet-font, system-ui, 'Segoe UI', Roboto, sans-serif);
    font-size: 18px;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 14px;
    padding: 10px 16px;
    border-radius: 10px;
    background: var(--fleet-panel, #1b2027);
    border: 1px solid var(--fleet-border, #39414d);
  }
  button {
    font: inherit;
    color: inherit;
    border-radius: 6px;
    border: 1px solid var(--fleet-border, #39414d);
    background: var(--fleet-bg, #111418);
    padding: 4px 12px;
    cursor: pointer;
    white-space: nowrap;
  }
  button:hover {
    border-color: var(--fleet-accent, #5aa9e6);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--fleet-focus, #5aa9e6);
    outline-offset: 2px;
  }
  .state {
    min-width: 6.5em;
    font-weight: 600;
  }
  .state.paused {
    color: var(--fleet-accent, #5aa9e6);
  }
  input[type='range'] {
    flex: 1;
    min-width: 120px;
    accent-color: var(--fleet-accent, #5aa9e6);
  }
  .when {
    min-width: 6.5em;
    text-align: right;
    font-variant-numeric: tabular-nums;
    color: var(--fleet-muted, #a9b0bb);
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
    color: var(--fleet-muted, #a9b0bb);
    font-size: 0.85em;
    white-space: nowrap;
  }
`;
