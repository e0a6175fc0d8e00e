import { css } from 'lit';
import { controlStyles } from '../control-styles.js';

/** `<fleet-presenter-time>`: the pause state, the timeline and the bookmark list. */
export const presenterTimeStyles = [
  controlStyles,
  css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 8px;
    min-height: 0;
    min-width: 0;
    color: var(--fleet-fg);
  }
  .label {
    margin: 0;
    font-size: 0.85em;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--fleet-muted);
  }
  fleet-timeline {
    font-size: 16px;
  }
  .waiting {
    margin: 0;
    color: var(--fleet-muted);
  }
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 6px;
    overflow: auto;
    max-height: 6.5em;
  }
  li {
    display: flex;
    align-items: center;
    gap: 10px;
  }
  li .what {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  li .kind {
    color: var(--fleet-muted);
    font-size: 0.85em;
  }
  button,
  a.control {
    font-size: 0.9em;
    padding: 3px 10px;
  }
  a.control {
    color: var(--fleet-accent);
    text-decoration: none;
    cursor: pointer;
  }
`,
];
