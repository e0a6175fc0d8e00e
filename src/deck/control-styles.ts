import { css } from 'lit';

/**
 * The deck chrome's controls — the time bar, the presenter view, its
 * bookmarks, the print toolbar: a button in the theme's border on a panel,
 * with a visible focus ring. A field or link that sits among the buttons
 * takes the class `control` to match. Each part sets the size and surface
 * that suit it after these rules.
 */
export const controlStyles = css`
  button,
  .control {
    font: inherit;
    color: inherit;
    border-radius: 6px;
    border: 1px solid var(--fleet-border);
    background: var(--fleet-panel);
  }
  button {
    cursor: pointer;
  }
  button:focus-visible,
  .control:focus-visible {
    outline: 3px solid var(--fleet-focus);
    outline-offset: 2px;
  }
`;
