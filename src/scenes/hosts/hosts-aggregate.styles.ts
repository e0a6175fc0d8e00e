import { css } from 'lit';

/** Styles of the hosts scene's aggregate view (large fleets). */
export const hostsAggregateStyles = css`
  .aggregate {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: 400px minmax(0, 1fr) 440px;
    gap: 28px;
    font-size: 16px;
  }
  .aggregate h3 {
    margin: 0 0 8px;
    font-size: 14px;
    font-weight: 700;
    letter-spacing: 0.08em;
    text-transform: uppercase;
    color: var(--fleet-muted);
  }
  .counts-col {
    display: flex;
    flex-direction: column;
    gap: 22px;
    min-height: 0;
    overflow: hidden;
  }
  .bars {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .bars li {
    display: grid;
    grid-template-columns: 170px 1fr 64px;
    align-items: center;
    gap: 10px;
  }
  .bars .name {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .bars .track {
    height: 12px;
    border-radius: 6px;
    background: var(--fleet-panel);
    overflow: hidden;
  }
  .bars .fill {
    height: 100%;
    background: var(--bar-color);
  }
  .bars .n {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .map {
    position: relative;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  .map .area {
    position: relative;
    flex: 1;
    min-height: 0;
  }
  .map canvas {
    position: absolute;
    top: 0;
    left: 0;
  }
  .map .tip {
    position: absolute;
    z-index: 2;
    pointer-events: none;
    /* Its max-width is TIP_WIDTH (hosts-scene.ts). It wraps: cut to one line it lost a host's episodes and last seen. */
    padding: 6px 10px;
    border-radius: 6px;
    font-size: 14px;
    background: var(--fleet-panel);
    border: 1px solid var(--fleet-border);
    overflow-wrap: anywhere;
  }
  .map .note {
    font-size: 14px;
  }
  .list-col {
    display: flex;
    flex-direction: column;
    gap: 10px;
    min-height: 0;
  }
  .filter:focus-visible,
  .list li:focus-visible {
    outline: 3px solid var(--fleet-focus);
    outline-offset: 1px;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-height: 0;
    overflow: hidden;
  }
  .list li {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto auto;
    align-items: center;
    gap: 10px;
    height: 30px;
    padding: 0 10px;
    border-radius: 6px;
    background: var(--fleet-panel);
    border-left: 4px solid var(--phase-color);
  }
  .list li.offline {
    border-left-style: dashed;
  }
  .list .id {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    font-family: var(--fleet-mono);
    font-size: 15px;
  }
  .list .seen {
    font-size: 14px;
    white-space: nowrap;
  }
  .more {
    font-size: 14px;
  }
`;
