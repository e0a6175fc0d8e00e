import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { provideBus } from '../../bus/bus-request.js';
import { FleetBus } from '../../bus/fleet-bus.js';
import { SHELL_TEXT } from '../../content/deck-text.js';
import { controlStyles } from '../control-styles.js';
import { SCENES } from '../scene-registry.js';
import { sceneTemplate, sceneTemplateStyles } from '../scene-template.js';
import { STAGE_HEIGHT, STAGE_WIDTH } from '../stage.js';
import { type ThemeName, themeHostStyles } from '../theme.js';
import { whenScenesDrawn } from './when-drawn.js';

/** Name of the event fired on window and document when every scene has drawn. */
export const PRINT_READY = 'print-ready';

/** Detail of `print-ready`. */
export interface PrintReadyDetail {
  /** Pages laid out (one per scene). */
  readonly pages: number;
  /** Scenes that had not settled when the wait gave up (normally none). */
  readonly unsettled: readonly string[];
}

/**
 * The print layout (`?print`): every scene at stage size, one per page, with
 * the data its stores hold. The page size itself (`@page`) is set on the
 * document by `mountPrint`. Fires `print-ready` on window and document when
 * every scene has drawn, and sets `data-print-ready` on the root element.
 *
 * @fires print-ready - every scene has drawn; detail: `{ pages, unsettled }`
 * @attr theme - `dark` (default) or `light`
 * @cssprop --fleet-bg - page background
 */
@customElement('fleet-print')
export class FleetPrint extends LitElement {
  static override styles = [
    themeHostStyles(),
    sceneTemplateStyles,
    controlStyles,
    css`
      :host {
        display: block;
        color: var(--fleet-fg);
        background: var(--fleet-letterbox);
        font-family: var(--fleet-font);
        print-color-adjust: exact;
        -webkit-print-color-adjust: exact;
      }
      .page {
        position: relative;
        width: ${STAGE_WIDTH}px;
        height: ${STAGE_HEIGHT}px;
        overflow: hidden;
        background: var(--fleet-bg);
        break-after: page;
        break-inside: avoid;
      }
      .page:last-of-type {
        break-after: auto;
      }
      .toolbar {
        display: flex;
        align-items: center;
        gap: 18px;
        width: ${STAGE_WIDTH}px;
        padding: 14px 0;
        font-size: 18px;
        color: var(--fleet-muted);
      }
      .toolbar button {
        /* The toolbar's words are muted; its buttons are not. */
        color: var(--fleet-fg);
        padding: 6px 16px;
      }
      @media screen {
        :host {
          padding: 0 24px 24px;
        }
        .page {
          margin-bottom: 24px;
        }
      }
      @media print {
        .toolbar {
          display: none;
        }
      }
    `,
  ];

  /** The bus every page reads. */
  @property({ attribute: false }) bus: FleetBus = new FleetBus();
  @property({ reflect: true }) theme: ThemeName = 'dark';
  /** What the toolbar says about the data (e.g. "simulator seed 1, 90 s simulated"). */
  @property({ attribute: false }) dataNote = '';

  /** Resolves when every scene has drawn (and `print-ready` has fired). */
  readonly ready: Promise<PrintReadyDetail>;
  private resolveReady!: (detail: PrintReadyDetail) => void;
  private lifetime?: AbortController;

  constructor() {
    super();
    this.ready = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.lifetime = new AbortController();
    provideBus(this, () => this.bus, this.lifetime.signal);
    void this.layOut();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.lifetime?.abort();
  }

  private async layOut(): Promise<void> {
    // Every scene's module first, so each page renders its real element rather than upgrading later.
    await Promise.all(SCENES.map((entry) => entry.load().catch(() => undefined)));
    await this.updateComplete;
    const scenes = [...this.renderRoot.querySelectorAll<HTMLElement>('.page > .scene')];
    const unsettled = await whenScenesDrawn(scenes);
    if (this.lifetime?.signal.aborted) return;
    const detail: PrintReadyDetail = { pages: scenes.length, unsettled };
    document.documentElement.dataset.printReady = 'true';
    this.resolveReady(detail);
    for (const target of [window, document]) target.dispatchEvent(new CustomEvent(PRINT_READY, { detail }));
  }

  override render() {
    return html`
      <div class="toolbar">
        <button @click=${() => window.print()}>${SHELL_TEXT.print}</button>
        <span>${SCENES.length} pages at ${STAGE_WIDTH}×${STAGE_HEIGHT}${this.dataNote ? ` · ${this.dataNote}` : ''}</span>
      </div>
      ${SCENES.map(
        (
          entry,
          i,
        ) => html`<section class="page" aria-label=${SHELL_TEXT.sceneOf(i + 1, SCENES.length, entry.title)}>
          ${sceneTemplate(entry)}
        </section>`,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-print': FleetPrint;
  }
  interface WindowEventMap {
    'print-ready': CustomEvent<PrintReadyDetail>;
  }
  interface DocumentEventMap {
    'print-ready': CustomEvent<PrintReadyDetail>;
  }
}
