import { css } from 'lit';
import { defineTokenDefaults } from './theme-tokens.js';

// Every scene imports these styles: a scene alone in a page gets the token defaults from here.
defineTokenDefaults();

/**
 * Styles every scene shares: it fills its box (the deck's 1600×900 stage or
 * an embedding page's element), theme colours from custom properties, and
 * the empty state.
 *
 * Theme custom properties (the table in `theme-tokens.ts`; scenes never
 * hard-code text or surface colours, nor repeat the defaults): --fleet-bg,
 * --fleet-fg, --fleet-muted, --fleet-panel, --fleet-border, --fleet-grid
 * (axes, gridlines), --fleet-code-bg, --fleet-accent, --fleet-font,
 * --fleet-mono.
 */
/** Text for screen readers only: announcements, chart summaries. */
export const visuallyHiddenStyles = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * A panel floating over a chart beside the pointer; the scene sets its
 * size and place (padding, font size, z-index).
 */
export const tooltipStyles = css`
  .tooltip {
    position: absolute;
    pointer-events: none;
    background: var(--fleet-panel);
    border: 1px solid var(--fleet-border);
    box-shadow: 0 6px 20px rgba(0, 0, 0, 0.4);
    white-space: nowrap;
  }
`;

export const sceneStyles = css`
  ${visuallyHiddenStyles}
  :host {
    /* Every scene is a column: its header, then what it draws. */
    display: flex;
    flex-direction: column;
    position: relative;
    box-sizing: border-box;
    width: 100%;
    height: 100%;
    min-height: 240px;
    overflow: hidden;
    padding: var(--fleet-scene-padding, 48px 64px);
    color: var(--fleet-fg);
    background: var(--fleet-bg);
    font-family: var(--fleet-font);
    font-size: var(--fleet-font-size, 22px);
    line-height: 1.35;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2 {
    margin: 0 0 0.5em;
    font-weight: 650;
    letter-spacing: -0.01em;
  }
  h1 {
    font-size: 2.4em;
  }
  h2 {
    font-size: 1.7em;
  }
  .muted {
    color: var(--fleet-muted);
  }
  code {
    font-family: var(--fleet-mono);
    font-size: 0.92em;
    padding: 0.05em 0.35em;
    border-radius: 4px;
    background: var(--fleet-code-bg);
  }
  /* A scene's title row: title left, figures or key right, on one baseline. */
  .scene-header {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 24px;
  }
  .scene-header h2,
  .scene-header p {
    margin: 0;
  }
  /* A section's title inside a scene: small capitals in the muted colour. */
  h3 {
    margin: 0 0 12px;
    font-size: 1em;
    font-weight: 600;
    color: var(--fleet-muted);
    text-transform: uppercase;
    letter-spacing: 0.06em;
  }
  /* The search box over a long list (recordings, hosts, lanes). */
  .filter {
    font: inherit;
    color: var(--fleet-fg);
    background: var(--fleet-panel);
    border: 1px solid var(--fleet-border);
    border-radius: 6px;
    padding: 6px 12px;
  }
  /* A list item that has just arrived slides in from above (--arrive-from sets how far). */
  .arrives {
    animation: arrive 0.5s ease-out;
  }
  @keyframes arrive {
    from {
      opacity: 0;
      transform: translateY(var(--arrive-from, -10px));
    }
  }
  /* In a busy list (see isBusyFleet) items arrive too often to slide in: they would never finish. */
  .busy .arrives {
    animation: none;
  }
  @media (prefers-reduced-motion: reduce) {
    .arrives {
      animation: none;
    }
  }
  .empty {
    display: flex;
    flex-direction: column;
    justify-content: center;
    align-items: flex-start;
    height: 100%;
  }
  .empty p {
    font-size: 1.1em;
    color: var(--fleet-muted);
  }
`;
