import { css } from 'lit';

/** The deck's time chrome: the bar above the progress line and the badge's pause button. */
export const deckTimeStyles = css`
  .time-bar {
    position: absolute;
    left: 20px;
    right: 20px;
    bottom: 44px;
    z-index: 6;
  }
  .pause-button {
    font: inherit;
    color: inherit;
    line-height: 1;
    padding: 2px 8px;
    border-radius: 6px;
    border: 1px solid var(--fleet-border);
    background: var(--fleet-panel);
    cursor: pointer;
  }
  .pause-button:focus-visible {
    outline: 3px solid var(--fleet-focus);
    outline-offset: 2px;
  }
  .paused-words {
    color: var(--fleet-accent);
    font-weight: 600;
  }
  /* A .stage-notice (fleet-deck.styles.ts), set apart by a border. */
  .time-notice {
    border: 1px solid var(--fleet-border);
    font-size: 20px;
  }
`;
