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
  .time-notice {
    position: absolute;
    top: 20px;
    left: 50%;
    transform: translateX(-50%);
    z-index: 11;
    padding: 8px 18px;
    border-radius: 8px;
    background: var(--fleet-panel);
    border: 1px solid var(--fleet-border);
    font-size: 20px;
  }
`;
