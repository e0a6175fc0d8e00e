import { html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { REFERENCES, type Reference } from '../../content/references.js';
import {
  displayUrl,
  isSmallestLayout,
  isWebLink,
  type ReferenceLayout,
  referenceLayout,
  sentence,
} from './reference-layout.js';
import { referencesSceneStyles } from './references-scene.styles.js';

/**
 * Scene 14: the references, numbered, from `src/content/references.ts`. A
 * long list flows into two columns and smaller type until it fits; each
 * link is shown as text so it reads on a projector and in print.
 *
 * @csspart list - the numbered list
 * @cssprop --fleet-accent - the numbers
 */
@customElement('fleet-references-scene')
export class FleetReferencesScene extends LitElement {
  static override styles = referencesSceneStyles;

  @query('.box') private box?: HTMLElement;

  /** The references shown; the content folder's list unless a page sets another. */
  @property({ attribute: false }) references: readonly Reference[] = REFERENCES;

  /** Fitting steps taken past the first guess because the list still overflowed. */
  @state() private step = 0;

  /** The layout last drawn (for tests). */
  layout?: ReferenceLayout;
  private resizeObserver?: ResizeObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver(() => this.fit());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('references')) this.step = 0;
  }

  protected override updated(): void {
    if (this.box && this.resizeObserver) this.resizeObserver.observe(this.box);
    this.fit();
  }

  /** Takes a fitting step (one render each) while the list overflows its box. */
  private fit(): void {
    const box = this.box;
    if (!box || box.clientHeight === 0) return;
    const overflows = box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
    if (overflows && !isSmallestLayout(this.references.length, this.step)) this.step++;
  }

  private item(ref: Reference, n: number): unknown {
    const url = displayUrl(ref.url);
    return html`<li>
      <span class="n">[${n}]</span>
      <span>
        <span class="authors">${sentence(ref.authors)}</span>
        <span class="title">${sentence(ref.title)}</span>
        <span class="meta">${ref.venue}, ${ref.year}.</span>
        ${isWebLink(ref.url) ? html`<a class="url" href=${ref.url} rel="noreferrer">${url}</a>` : html`<span class="url">${url}</span>`}
      </span>
    </li>`;
  }

  override render() {
    const layout = referenceLayout(this.references.length, this.step);
    this.layout = layout;
    return html`
      <header class="scene-header"><h2>${SCENE_TEXT.references.heading}</h2></header>
      <div class="box">
        <ol part="list" class=${layout.compact ? 'compact' : ''} style="columns:${layout.columns};font-size:${layout.fontSize}px">
          ${this.references.map((ref, i) => this.item(ref, i + 1))}
        </ol>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-references-scene': FleetReferencesScene;
  }
}
