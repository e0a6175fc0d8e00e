import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A Lit element (it has a render root to find the measured element in). */
type SizedHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode };

/** How a scene measures the element it lays out in; by default its client box. */
export type Measure = (element: HTMLElement) => { readonly width: number; readonly height: number };

const clientBox: Measure = (element) => ({ width: element.clientWidth, height: element.clientHeight });

/**
 * Tracks the size of one element in a scene's template (found by `selector`
 * after each render) with a ResizeObserver, and re-renders the scene when it
 * changes, so layouts computed from data and size stay in step with the box.
 * Released when the scene leaves the page.
 */
export class SizeController implements ReactiveController {
  /** The last measured size; 0 × 0 until the element is laid out. */
  width = 0;
  height = 0;
  private observer?: ResizeObserver;
  private observed?: Element;

  constructor(
    private readonly host: SizedHost,
    private readonly selector: string,
    private readonly measureElement: Measure = clientBox,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver(() => this.measure());
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = undefined;
  }

  hostUpdated(): void {
    const element = this.element();
    if (element && this.observer && element !== this.observed) {
      if (this.observed) this.observer.unobserve(this.observed);
      this.observer.observe(element);
      this.observed = element;
    }
    if (this.width === 0) this.measure();
  }

  /** Measures now; re-renders the host if the size changed. */
  measure(): void {
    const element = this.element();
    if (!element) return;
    const { width, height } = this.measureElement(element);
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.host.requestUpdate();
  }

  private element(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(this.selector);
  }
}
