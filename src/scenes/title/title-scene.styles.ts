import { css } from 'lit';
import { sceneStyles } from '../shared/scene-styles.js';
import { sourceDotStyles } from '../shared/source-dot-styles.js';
import { swatchStyles } from '../shared/swatch-styles.js';

/** Styles of `<fleet-title-scene>`. */
export const titleSceneStyles = [
  sceneStyles,
  swatchStyles,
  sourceDotStyles,
  css`
    :host {
      justify-content: space-between;
      padding: 56px 96px 64px;
    }
    header {
      flex: 1;
      display: flex;
      flex-direction: column;
      justify-content: center;
      padding-bottom: 24px;
    }
    .kicker {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em 0.7em;
      font-size: 0.95em;
      color: var(--fleet-muted);
    }
    .kicker .arrow {
      opacity: 0.6;
    }
    h1 {
      margin: 40px 0 0;
      font-size: 78px;
      line-height: 1.05;
      letter-spacing: -0.02em;
      max-width: 1300px;
    }
    .rule {
      width: 180px;
      height: 6px;
      margin: 30px 0 26px;
      border-radius: 3px;
      background: var(--fleet-accent);
    }
    .subtitle {
      margin: 0;
      font-size: 34px;
      line-height: 1.25;
      max-width: 1200px;
      color: var(--fleet-fg);
      opacity: 0.92;
    }
    .authors {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 48px;
      margin: 34px 0 0;
      padding: 0;
      list-style: none;
      font-size: 26px;
    }
    .authors .affiliation {
      margin-left: 0.5em;
      color: var(--fleet-muted);
    }
    .occasion {
      margin: 14px 0 0;
      font-size: 22px;
      color: var(--fleet-muted);
    }
    .strip {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr)) minmax(0, 1.4fr);
      gap: 20px;
    }
    .stat {
      display: flex;
      flex-direction: column;
      justify-content: center;
      gap: 4px;
      min-height: 124px;
      padding: 18px 24px;
      border-radius: 12px;
      background: var(--fleet-panel);
      border: 1px solid var(--fleet-border);
      overflow: hidden;
    }
    .stat .value {
      /* The scene fits a figure that outgrows its card (fitOneLine); the ellipsis is the last resort. */
      font-size: 46px;
      font-weight: 700;
      line-height: 1.1;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .stat .value .of {
      font-size: 0.6em;
      font-weight: 500;
      color: var(--fleet-muted);
    }
    .stat .name {
      font-size: 20px;
      color: var(--fleet-muted);
    }
    .stat .waiting {
      font-size: 20px;
      color: var(--fleet-muted);
    }
    .source .value {
      font-size: 30px;
      font-weight: 600;
    }
    .source .state {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      font-size: 20px;
      color: var(--fleet-muted);
    }
    .dot {
      width: 12px;
      height: 12px;
      border-radius: 50%;
      background: #8a8f98;
    }
  `,
];
