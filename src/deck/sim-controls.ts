import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { readSourceOptions } from '../bus/url-options.js';
import { SHELL_TEXT } from '../content/deck-text.js';

const words = SHELL_TEXT.simulator;

/** The simulator settings the controls edit, with their URL parameter names. */
const FIELDS = [
  { name: 'seed', label: words.seed, min: 0, max: 4294967295, step: 1, fallback: 1 },
  { name: 'hosts', label: words.hosts, min: 1, max: 200, step: 1, fallback: 5 },
  { name: 'accuracy', label: words.accuracy, min: 0, max: 1, step: 0.01, fallback: 0.92 },
  { name: 'rate', label: words.rate, min: 0.1, max: 100, step: 0.1, fallback: 1 },
] as const;

/**
 * Simulator controls (`s`): seed, fleet size, accuracy and speed. Applying
 * writes them to the URL and reloads, so the settings are shareable and the
 * simulator restarts from a clean, reproducible state.
 *
 * @fires fleet-close - when the controls ask to be closed
 */
@customElement('fleet-sim-controls')
export class FleetSimControls extends LitElement {
  static override styles = css`
    :host {
      position: absolute;
      top: 16px;
      left: 16px;
      z-index: 20;
      display: block;
      width: 420px;
      padding: 18px 22px;
      border-radius: 10px;
      background: var(--fleet-panel);
      color: var(--fleet-fg);
      border: 1px solid var(--fleet-border);
      font: 18px/1.4 var(--fleet-font);
    }
    h3 {
      margin: 0 0 12px;
      font-size: 20px;
    }
    label {
      display: grid;
      grid-template-columns: 160px 1fr;
      align-items: center;
      margin: 8px 0;
    }
    input,
    button {
      font: inherit;
      border-radius: 6px;
      border: 1px solid var(--fleet-border);
      background: var(--fleet-bg);
      color: inherit;
    }
    input {
      padding: 4px 8px;
    }
    .buttons {
      display: flex;
      gap: 10px;
      margin-top: 14px;
    }
    button {
      padding: 6px 16px;
      cursor: pointer;
    }
    button:focus-visible,
    input:focus-visible {
      outline: 3px solid var(--fleet-accent);
      outline-offset: 1px;
    }
    p {
      margin: 10px 0 0;
      font-size: 15px;
      color: var(--fleet-muted);
    }
  `;

  /** The page location the settings are read from and written to (injectable for tests). */
  @property({ attribute: false }) location: Pick<Location, 'search' | 'hash' | 'assign'> =
    globalThis.location;

  override firstUpdated(): void {
    this.renderRoot.querySelector('input')?.focus();
  }

  /** The URL the form's values lead to (same page, same scene). */
  targetUrl(form: HTMLFormElement): string {
    const params = new URLSearchParams(this.location.search);
    const data = new FormData(form);
    for (const field of FIELDS) {
      const value = String(data.get(field.name) ?? '').trim();
      if (value === '') params.delete(field.name);
      else params.set(field.name, value);
    }
    params.set('sim', '1');
    return `?${params.toString()}${this.location.hash}`;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.location.assign(this.targetUrl(event.target as HTMLFormElement));
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('fleet-close', { bubbles: true, composed: true }));
  }

  override render() {
    const current = readSourceOptions(new URLSearchParams(this.location.search)).sim;
    return html`<form @submit=${this.onSubmit} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.close()}>
      <h3>${words.heading}</h3>
      ${FIELDS.map(
        (f) => html`<label
          >${f.label}
          <input
            name=${f.name}
            type="number"
            min=${f.min}
            max=${f.max}
            step=${f.step}
            .value=${String(current[f.name] ?? f.fallback)}
        /></label>`,
      )}
      <div class="buttons">
        <button type="submit">${words.apply}</button>
        <button type="button" @click=${this.close}>${words.close}</button>
      </div>
      <p>${words.note}</p>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-sim-controls': FleetSimControls;
  }
}
