import { css, type TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import type { SceneEntry } from './scene-registry.js';

/**
 * The template of one scene's element, for the deck and the views beside it
 * (presenter, print). The tag comes from the registry, never from data.
 */
export function sceneTemplate(entry: SceneEntry): TemplateResult {
  const tag = unsafeStatic(entry.tag);
  return staticHtml`<${tag} class="scene" data-slug=${entry.slug}></${tag}>`;
}

/** Styles for `sceneTemplate` inside a 1600×900 box: the scene fills it. */
export const sceneTemplateStyles = css`
  .scene {
    position: absolute;
    inset: 0;
  }
`;
