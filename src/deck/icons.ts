import { css, html, type TemplateResult } from 'lit';

/*
 * Play and pause, drawn rather than typed: ⏸ (U+23F8) is in no font of a
 * plain Linux install and showed as an empty box in headless Chromium, and
 * ▶ beside a drawn pause would not match it. The icons are decoration
 * (`aria-hidden`): the button they sit in carries the words. They take the
 * text colour and scale with the font; `iconStyles` sets them on the
 * baseline.
 */

/** ▶, for a button that resumes or plays. */
export const playIcon: TemplateResult = html`<svg class="icon" viewBox="0 0 12.32 13" aria-hidden="true" focusable="false"><path fill="currentColor" d="M1 1.3v10.4l10.5-5.2z" /></svg>`;

/** ⏸, for a button that pauses. */
export const pauseIcon: TemplateResult = html`<svg class="icon" viewBox="0 0 12.32 13" aria-hidden="true" focusable="false"><path fill="currentColor" d="M1.5 1.5h3.25v10.2H1.5zm5.75 0h3.25v10.2H7.25z" /></svg>`;

/** The icon for a pause toggle: what pressing it does. */
export const toggleIcon = (paused: boolean): TemplateResult => (paused ? playIcon : pauseIcon);

/** Sizes an icon as the glyph it replaces (▶ in DejaVu Sans: 0.77 em wide, on the baseline). */
export const iconStyles = css`
  .icon {
    width: 0.77em;
    height: 0.8125em;
    vertical-align: -0.08em;
  }
`;
