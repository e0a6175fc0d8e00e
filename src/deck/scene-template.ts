import { css, html, type TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { emptyState } from '../scenes/shared/empty-state.js';
import type { SceneEntry } from './scene-registry.js';

/**
 * The template of one scene for views other than the deck (presenter, print):
 * its element when the scene is built, else its empty state naming the
 * events it will draw. The tag comes from the registry, never from data.
 */
export function sceneTemplate(entry: SceneEntry): TemplateResult {
  if (!entry.load) {
    return html`<section class="scene placeholder" data-slug=${entry.slug}>
      ${emptyState(entry.title, entry.waitsFor.length > 0 ? entry.waitsFor : ['(static content)'])}
    </section>`;
  }
  const tag = unsafeStatic(entry.tag);
  return staticHtml`<${tag} class="scene" data-slug=${entry.slug}></${tag}>`;
}

/** Styles for `sceneTemplate` inside a 1600×900 box: scenes fill it; placeholders look like a scene's empty state. */
export const sceneTemplateStyles = css`
  .scene {
    position: absolute;
    inset: 0;
  }
  .placeholder {
    box-sizing: border-box;
    padding: 48px 64px;
    font-size: 22px;
    line-height: 1.35;
    color: var(--fleet-fg, #e8eaed);
    background: var(--fleet-bg, #111418);
  }
  .placeholder .empty {
    display: flex;
    flex-direction: column;
    justify-content: center;
    height: 100%;
  }
  .placeholder h2 {
    font-size: 1.7em;
    margin: 0 0 0.5em;
  }
  .placeholder p {
    font-size: 1.1em;
    color: var(--fleet-muted, #a9b0bb);
  }
  .placeholder code {
    font-family: var(--fleet-mono, ui-monospace, Menlo, Consolas, monospace);
    padding: 0.05em 0.35em;
    border-radius: 4px;
    background: var(--fleet-code-bg, #1f242c);
  }
`;
