import { css } from 'lit';
import { phaseBarStyles } from '../shared/phase-bar.js';
import { sceneStyles } from '../shared/scene-styles.js';

/** The collect scene's large-fleet additions: a filter, focusable rows, and what is not shown. */
const collectLargeStyles = css`
  .recording .most-recent {
    text-transform: none;
    letter-spacing: 0;
    font-weight: 400;
  }
  .recording .filter {
    align-self: flex-start;
    width: 24em;
    margin-bottom: 8px;
    font-size: 16px;
    padding: 5px 12px;
  }
  .recording .filter:focus-visible,
  .row:focus-visible {
    outline: 3px solid var(--fleet-focus);
    outline-offset: 1px;
  }
  .recording .more {
    margin: 6px 0 0;
    font-size: 16px;
  }
`;

/** Styles of `<fleet-collect-scene>`. */
export const collectSceneStyles = [
  sceneStyles,
  collectLargeStyles,
  phaseBarStyles,
  css`
    :host {
      gap: 18px;
    }
    .scene-header {
      align-items: flex-end;
      gap: 32px;
    }
    .rate {
      display: flex;
      align-items: baseline;
      gap: 14px;
      font-variant-numeric: tabular-nums;
    }
    .rate .value {
      font-size: 64px;
      font-weight: 750;
      line-height: 1;
    }
    .rate .unit {
      font-size: 1.05em;
    }
    .rate .detail {
      font-size: 0.85em;
    }
    .body {
      flex: 1;
      min-height: 0;
      display: grid;
      grid-template-columns: minmax(0, 1fr) 440px;
      gap: 36px;
    }
    .recording {
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    h3 {
      margin-bottom: 10px;
    }
    .axis,
    .row {
      display: grid;
      grid-template-columns: var(--label-w, 150px) minmax(0, 1fr);
      column-gap: 16px;
      align-items: center;
    }
    .axis {
      font-size: 0.72em;
      color: var(--fleet-muted);
      margin-bottom: 6px;
    }
    .ticks {
      position: relative;
      height: 1.3em;
    }
    .ticks span {
      position: absolute;
      white-space: nowrap;
      transform: translateX(-50%);
      font-variant-numeric: tabular-nums;
    }
    .ticks span:first-child {
      transform: none;
    }
    .ticks span:last-child {
      transform: translateX(-100%);
    }
    .rows:focus-visible,
    .ticker:focus-visible {
      outline: 3px solid var(--fleet-accent);
      outline-offset: 2px;
    }
    .rows {
      flex: 1;
      min-height: 0;
      overflow-y: auto;
      overflow-x: hidden;
    }
    .row .host {
      font-family: var(--fleet-mono);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      text-align: right;
    }
    .row .host small {
      display: block;
      font-family: var(--fleet-font);
      font-size: 0.68em;
      color: var(--fleet-muted);
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .row .strip {
      --strip-font: 0.62em;
    }
    .row .seg.tail {
      transition: width 0.5s linear;
    }
    .quiet {
      color: var(--fleet-muted);
    }
    .ticker {
      display: flex;
      flex-direction: column;
      min-height: 0;
      overflow: hidden;
    }
    .ticker ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 10px;
    }
    .ticker li {
      padding: 10px 14px 12px;
      border-radius: 10px;
      background: var(--fleet-panel);
      border: 1px solid var(--fleet-border);
      --strip-height: 14px;
      --arrive-from: -12px;
    }
    .ticker .head {
      display: flex;
      justify-content: space-between;
      gap: 12px;
      font-size: 0.86em;
    }
    .ticker .episode {
      font-family: var(--fleet-mono);
      font-weight: 700;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .ticker .ago {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .ticker .who {
      margin: 2px 0 8px;
      font-size: 0.74em;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    @media (prefers-reduced-motion: reduce) {
      .row .seg.tail {
        transition: none;
      }
    }
  `,
];
