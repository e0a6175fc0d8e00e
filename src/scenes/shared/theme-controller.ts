import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The colours a drawing scene paints with, as the host computes them now. */
export interface ThemeTokens {
  /** `--fleet-bg`: what the drawing sits on. */
  readonly bg: string;
  /** `--fleet-fg`: text and marks that must stand out. */
  readonly fg: string;
  /** `--fleet-muted`: axes and secondary marks. */
  readonly muted: string;
  /** `--fleet-grid`: gridlines and frames. */
  readonly grid: string;
}

/** Attributes through which a theme reaches a scene: the deck's `theme`, a class, a style rule. */
const WATCHED = ['theme', 'data-theme', 'class', 'style'];

/** The element above `node`, crossing out of shadow roots to their hosts. */
function parentOf(node: Node): Element | undefined {
  const parent = node.parentNode;
  if (parent instanceof ShadowRoot) return parent.host;
  return parent instanceof Element ? parent : undefined;
}

/** Reads the theme tokens as computed on `element`. */
export function readThemeTokens(element: Element): ThemeTokens {
  const style = getComputedStyle(element);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    bg: read('--fleet-bg'),
    fg: read('--fleet-fg'),
    muted: read('--fleet-muted'),
    grid: read('--fleet-grid'),
  };
}

/**
 * The theme as a value a scene observes, whatever changed it: `t` on the
 * deck or the presenter, a page setting `theme` on `<fleet-deck>`, the page
 * theme on the root element, a class or an inline style on any element above
 * the scene (across shadow roots). For scenes that paint with colours CSS
 * cannot reach (WebGL, 2-D canvas): `tokens` is what to paint with now, and
 * `onChange` runs when they changed. Observers are released when the scene
 * leaves the page.
 */
export class ThemeController implements ReactiveController {
  private observer?: MutationObserver;
  private current?: ThemeTokens;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onChange: (tokens: ThemeTokens) => void,
  ) {
    host.addController(this);
  }

  /** The tokens as the host computes them now. */
  get tokens(): ThemeTokens {
    this.current = readThemeTokens(this.host);
    return this.current;
  }

  hostConnected(): void {
    this.observer = new MutationObserver(() => this.check());
    for (let el = parentOf(this.host); el; el = parentOf(el))
      this.observer.observe(el, { attributes: true, attributeFilter: WATCHED });
    // Connected somewhere else: the theme there may differ.
    this.check();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private check(): void {
    const before = this.current;
    if (!before) return;
    const now = this.tokens;
    if (
      now.bg !== before.bg ||
      now.fg !== before.fg ||
      now.muted !== before.muted ||
      now.grid !== before.grid
    )
      this.onChange(now);
  }
}
