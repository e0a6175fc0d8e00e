import { css } from 'lit';
import { sceneStyles } from '../shared/scene-styles.js';

/** Styles of `<fleet-references-scene>`. */
export const referencesSceneStyles = [
  sceneStyles,
  css`
    .scene-header {
      /* The gap under the title (the heading's 0.5em, at 1.7em). */
      margin-bottom: 0.85em;
    }
    .box {
      flex: 1;
      min-height: 0;
      overflow: hidden;
    }
    ol {
      margin: 0;
      padding: 0;
      list-style: none;
      column-gap: 48px;
      line-height: 1.3;
    }
    li {
      display: grid;
      grid-template-columns: 2.7em 1fr;
      break-inside: avoid;
      margin-bottom: 0.75em;
    }
    .n {
      color: var(--fleet-accent);
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .title {
      font-weight: 650;
    }
    .meta {
      color: var(--fleet-muted);
    }
    .url {
      display: block;
      font-family: var(--fleet-mono);
      font-size: 0.86em;
      color: var(--fleet-accent);
      text-decoration: none;
      overflow-wrap: anywhere;
    }
    .compact .url {
      display: inline;
      margin-left: 0.3em;
    }
    .compact li {
      margin-bottom: 0.55em;
    }
    a.url:hover {
      text-decoration: underline;
    }
  `,
];
