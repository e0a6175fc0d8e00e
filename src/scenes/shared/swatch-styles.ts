import { css } from 'lit';

/** Styles for `phaseSwatch` and legends built from it. */
export const swatchStyles = css`
  .swatch {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    white-space: nowrap;
  }
  .chip {
    display: inline-grid;
    place-items: center;
    width: 1.15em;
    height: 1.15em;
    border-radius: 3px;
    font-size: 0.8em;
    line-height: 1;
    color: rgba(10, 12, 16, 0.8);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em 1.4em;
    font-size: 0.8em;
  }
`;

/** A colour key's chip at the start of a legend line (`<span class="key …">`); each scene colours its own kinds. */
export const keyStyles = css`
  .key {
    display: inline-block;
    width: 1.4em;
    height: 0.95em;
    vertical-align: -0.1em;
    border-radius: 2px;
    margin-right: 0.35em;
  }
`;
