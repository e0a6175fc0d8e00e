import { css } from 'lit';

/**
 * Colours of the source state dot (`<span class="dot ${source.state}">`):
 * green live, amber connecting or retrying, red stale or stopped. The deck's
 * badge and the title scene's strip show the same dot.
 */
export const sourceDotStyles = css`
  .dot.live {
    background: #3fb27f;
  }
  .dot.connecting,
  .dot.retrying {
    background: #e0b040;
  }
  .dot.stale,
  .dot.stopped {
    background: #d64550;
  }
`;
