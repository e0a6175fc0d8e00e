import { css, unsafeCSS } from 'lit';
import { sceneStyles } from '../shared/scene-styles.js';

/**
 * A syntax colour that follows the theme: the hue mixed with the theme's text
 * colour, so it lightens on the dark theme and darkens on the light one.
 * (`unsafeCSS` of constants written here, nothing from outside.)
 */
const tone = (name: string, hue: string) =>
  unsafeCSS(`var(--fleet-syntax-${name}, color-mix(in srgb, ${hue} 68%, var(--fleet-fg)))`);

/** Styles of `<fleet-training-code-scene>`. */
export const trainingCodeSceneStyles = [
  sceneStyles,
  css`
    :host {
      --fleet-scene-padding: 36px 56px;
    }
    /* The listing takes the full height; the title heads the notes column beside it. */
    .body {
      flex: 1;
      min-height: 0;
      display: grid;
      grid-template-columns: minmax(0, 1fr) 390px;
      gap: 32px;
    }
    aside {
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    aside h2 {
      margin: 0 0 6px;
      line-height: 1.1;
    }
    .file {
      margin: 0 0 28px;
      font-size: 0.85em;
    }
    .listing {
      min-height: 0;
      padding: 14px 0;
      border-radius: 10px;
      background: var(--fleet-code-bg);
      border: 1px solid var(--fleet-border);
    }
    /* The box whose size the type follows (container query units). */
    .fit {
      height: 100%;
      container-type: size;
    }
    ol.code {
      margin: 0;
      padding: 0;
      list-style: none;
      font-family: var(--fleet-mono);
      /* As large as 19px allows, else small enough that every line fits both ways. */
      font-size: min(
        19px,
        calc(100cqh / (var(--lines) * 1.25)),
        calc((100cqw - 7.5em) / (var(--chars) * 0.61))
      );
      line-height: 1.25;
    }
    .line {
      display: flex;
      border-left: 4px solid transparent;
    }
    /* Whitespace matters inside a line only (between the items it is template indentation). */
    .line code {
      padding: 0;
      border-radius: 0;
      background: none;
      font-size: inherit;
      white-space: pre;
      tab-size: 4;
    }
    .line.key {
      background: color-mix(in srgb, var(--fleet-accent) 17%, transparent);
      border-left-color: var(--fleet-accent);
    }
    .ln {
      flex: none;
      width: 3.2em;
      padding-right: 0.9em;
      text-align: right;
      color: var(--fleet-muted);
      user-select: none;
    }
    .mark {
      flex: none;
      width: 1.6em;
      margin-right: 0.6em;
      user-select: none;
    }
    .badge {
      display: inline-grid;
      place-items: center;
      min-width: 1.35em;
      height: 1.2em;
      padding: 0 0.2em;
      border-radius: 999px;
      font-family: var(--fleet-font);
      font-size: 0.85em;
      font-weight: 700;
      line-height: 1;
      color: var(--fleet-bg);
      background: var(--fleet-accent);
    }
    .notes {
      margin: 0;
      padding: 0;
      list-style: none;
      display: flex;
      flex-direction: column;
      gap: 16px;
      font-size: 0.88em;
      min-height: 0;
      overflow: hidden;
    }
    .notes li {
      display: grid;
      grid-template-columns: auto 1fr;
      column-gap: 12px;
      align-items: baseline;
    }
    .notes .where {
      display: block;
      font-size: 0.8em;
      color: var(--fleet-muted);
      font-variant-numeric: tabular-nums;
    }
    .hljs-keyword {
      color: ${tone('keyword', '#c678dd')};
    }
    .hljs-literal,
    .hljs-variable {
      color: ${tone('literal', '#e06c75')};
    }
    .hljs-built_in {
      color: ${tone('builtin', '#56b6c2')};
    }
    .hljs-string {
      color: ${tone('string', '#98c379')};
    }
    .hljs-number {
      color: ${tone('number', '#d19a66')};
    }
    .hljs-title {
      color: ${tone('title', '#61afef')};
    }
    .hljs-meta {
      color: ${tone('meta', '#e5c07b')};
    }
    .hljs-subst {
      color: var(--fleet-fg);
    }
    .hljs-comment {
      color: var(--fleet-muted);
      font-style: italic;
    }
  `,
];
