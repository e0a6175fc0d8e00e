import { html, type TemplateResult } from 'lit';

/**
 * What a scene shows before its first event: its title and the event types it
 * waits for, so a producer knows what to send.
 */
export function emptyState(title: string, waitsFor: readonly string[]): TemplateResult {
  return html`<div class="empty" part="empty" role="status">
    <h2>${title}</h2>
    <p>Waiting for ${waitsFor.map((type, i) => html`${i > 0 ? (i === waitsFor.length - 1 ? ' or ' : ', ') : ''}<code>${type}</code>`)} events.</p>
  </div>`;
}
