import { css } from 'lit';

/** The live scene's own styles (the shared scene and swatch styles come first). */
export const liveSceneStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  header h2 {
    margin: 0;
  }
  .stats {
    display: flex;
    align-items: center;
    gap: 28px;
    font-size: 1.05em;
    font-variant-numeric: tabular-nums;
  }
  .stats b {
    font-weight: 700;
  }
  .badge {
    padding: 0.1em 0.6em;
    border-radius: 999px;
    color: #0b0d10;
    font-weight: 700;
  }
  .lanes {
    position: relative;
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overflow-x: hidden;
  }
  .grid {
    display: grid;
    grid-template-columns: var(--label-width) 1fr;
    column-gap: 12px;
  }
  .labels {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  /* A host id in a label column: one line, right-aligned; a long one ends in an ellipsis. */
  .host,
  .focus-list .option {
    display: block;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    text-align: right;
    font-family: var(--fleet-mono);
    color: var(--fleet-muted);
  }
  /* Hover or focus shows a lane's id whole, over the lane. */
  .host {
    position: relative;
    border-radius: 4px;
    outline: none;
  }
  .host:hover,
  .host:focus-visible {
    z-index: 3;
    overflow: visible;
    width: max-content;
    min-width: 100%;
    padding: 0 0.4em;
    color: var(--fleet-fg);
    background: var(--fleet-panel);
    box-shadow: 0 0 0 2px var(--fleet-focus);
  }
  .track {
    position: relative;
    min-width: 0;
  }
  canvas {
    position: sticky;
    top: 0;
    display: block;
    width: 100%;
  }
  .tooltip {
    z-index: 4;
    padding: 8px 12px;
    border-radius: 6px;
    font-size: 0.75em;
    line-height: 1.4;
    max-width: 640px;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .callout {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 10px 22px;
    padding: 12px 20px;
    border-radius: 10px;
    background: var(--fleet-panel);
    border-left: 6px solid var(--callout-color);
    font-size: 1em;
  }
  .id {
    display: inline-block;
    max-width: 22em;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    vertical-align: bottom;
    font-family: var(--fleet-mono);
    font-weight: 700;
  }
  .key.pending {
    background: color-mix(in srgb, #3fb27f 35%, transparent);
    outline: 1.5px solid #3fb27f;
    outline-offset: -1.5px;
  }
  .key.mismatch {
    background: repeating-linear-gradient(135deg, #e0b040 0 3px, #0b0d10 3px 5px);
  }

  /* The fleet view: thin rows for every host, a filter, and a magnified focus. */
  .toolbar {
    display: flex;
    align-items: center;
    gap: 20px;
    font-size: 0.8em;
  }
  .filter {
    width: 26em;
  }
  .filter:focus-visible,
  .focus-list:focus-visible {
    outline: 3px solid var(--fleet-focus);
    outline-offset: 2px;
  }
  .fleet {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr) 600px;
    gap: 20px;
  }
  .overview {
    position: relative;
    min-height: 0;
    overflow-y: auto;
    overflow-x: hidden;
    border-radius: 6px;
    background: var(--fleet-panel);
  }
  .overview .spacer {
    position: relative;
  }
  /* The overview canvas may hold one pixel per cell column (drawOverview): scaled up crisp, its
     gaps drawn here in the panel's colour, every --cell px, --gap px wide. */
  .overview .view {
    position: sticky;
    top: 0;
  }
  .overview .view canvas {
    position: static;
    image-rendering: pixelated;
  }
  .overview .view::after {
    content: '';
    position: absolute;
    inset: 0;
    pointer-events: none;
    background: repeating-linear-gradient(
      to right,
      transparent 0 calc(var(--cell) - var(--gap)),
      var(--fleet-panel) calc(var(--cell) - var(--gap)) var(--cell)
    );
  }
  .focus-row {
    position: absolute;
    left: 0;
    right: 0;
    pointer-events: none;
    outline: 2px solid var(--fleet-focus);
  }
  .panel {
    display: flex;
    flex-direction: column;
    gap: 10px;
    min-height: 0;
    font-size: 0.75em;
  }
  .focus-list {
    position: relative;
    display: grid;
    grid-template-columns: 150px 1fr;
    column-gap: 10px;
    border-radius: 6px;
  }
  .focus-list .option {
    font-size: 14px;
  }
  .focus-list .option[aria-selected='true'] {
    color: var(--fleet-fg);
    font-weight: 700;
  }
  .focus-list .rows {
    position: relative;
    grid-column: 2;
    grid-row: 1 / span 99;
  }
  .focus-list .rows canvas {
    position: absolute;
    inset: 0;
  }
  .focus-list .selected {
    position: absolute;
    left: -4px;
    right: -4px;
    pointer-events: none;
    border: 2px solid var(--fleet-focus);
    border-radius: 4px;
  }
  .detail {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 12px 16px;
    border-radius: 8px;
    background: var(--fleet-panel);
  }
  .detail .full-id {
    font-family: var(--fleet-mono);
    font-weight: 700;
    font-size: 1.15em;
    overflow-wrap: anywhere;
  }
  .detail .line {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 18px;
    align-items: center;
  }
`;
