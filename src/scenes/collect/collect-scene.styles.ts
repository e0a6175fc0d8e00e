import { css } from 'lit';

/** The collect scene's large-fleet additions: a filter, focusable rows, and what is not shown. */
export const collectLargeStyles = css`
  .recording .most-recent {
    text-transform: none;
    letter-spacing: 0;
    font-weight: 400;
  }
  .recording .filter {
    align-self: flex-start;
    width: 24em;
    margin-bottom: 8px;
    font: inherit;
    font-size: 16px;
    color: var(--fleet-fg);
    background: var(--fleet-panel);
    border: 1px solid var(--fleet-border);
    border-radius: 6px;
    padding: 5px 12px;
  }
  .recording .filter:focus-visible,
  .row:focus-visible {
    outline: 3px solid var(--fleet-focus);
    outline-offset: 1px;
  }
  .ticker.busy li {
    animation: none;
  }
  .recording .more {
    margin: 6px 0 0;
    font-size: 16px;
  }
`;
