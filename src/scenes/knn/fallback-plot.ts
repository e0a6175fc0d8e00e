import { type EmbeddingsState, embeddingSlot, type RingMark, writtenSince } from '../../store/embeddings.js';
import type { ThemeTokens } from '../shared/theme-controller.js';
import { type ColorMode, paintSlots } from './color-modes.js';
import { pickNearest, planeMatrix } from './pick.js';
import { pointSizePx } from './point-size.js';

/** Room around the plot square for the axis labels (CSS px). */
const MARGIN = 40;

/**
 * The scene without WebGL: the same points projected onto x–y on a 2-D
 * canvas, same colors. Redraws whole on change (a 2-D canvas cannot update
 * a range), painting colors only for the slots written since the last draw,
 * and fills one path per color (a fill per class, not per point).
 */
export class FallbackPlot {
  private colors = new Uint8Array(0);
  private mark?: RingMark;
  private mode?: ColorMode;
  private state?: EmbeddingsState;
  private width = 0;
  private height = 0;
  /** Points drawn by the last draw (tests). */
  drawn = 0;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private theme: ThemeTokens,
  ) {}

  /** New theme colors: redraws. */
  setTheme(theme: ThemeTokens): void {
    this.theme = theme;
    this.redraw();
  }

  /** The plot square inside the canvas (CSS px). */
  get plot(): { left: number; top: number; size: number } {
    const size = Math.max(10, Math.min(this.width, this.height) - 2 * MARGIN);
    return { left: (this.width - size) / 2, top: (this.height - size) / 2, size };
  }

  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    const dpr = Math.min(globalThis.devicePixelRatio || 1, 2);
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.redraw();
  }

  /** Takes the store's state (and the color mode) and redraws. */
  sync(state: EmbeddingsState, mode: ColorMode): void {
    if (this.colors.length !== state.capacity * 4) this.colors = new Uint8Array(state.capacity * 4);
    const ranges = mode !== this.mode ? writtenSince(state, undefined) : writtenSince(state, this.mark);
    paintSlots(state, mode, this.colors, ranges);
    this.mode = mode;
    this.state = state;
    this.mark = { positions: state.positions, head: state.head, total: state.total };
    this.redraw();
  }

  /** The slot under a pointer at CSS px (x, y), or -1. */
  pick(x: number, y: number): number {
    const state = this.state;
    if (!state) return -1;
    const size = pointSizePx(state.count);
    return pickNearest({
      positions: state.positions,
      count: state.count,
      matrix: planeMatrix(this.width, this.height, this.plot),
      width: this.width,
      height: this.height,
      x,
      y,
      radius: Math.max(8, size),
      dotRadius: size / 2 + 1,
    });
  }

  /** Where a point at (x, y) is drawn, in CSS px. */
  project(x: number, y: number): { x: number; y: number } {
    const p = this.plot;
    return { x: p.left + x * p.size, y: p.top + (1 - y) * p.size };
  }

  private redraw(): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx || this.width === 0) return;
    const dpr = this.canvas.width / this.width;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    const p = this.plot;
    ctx.strokeStyle = this.theme.grid;
    ctx.lineWidth = 1;
    ctx.strokeRect(p.left + 0.5, p.top + 0.5, p.size, p.size);
    ctx.fillStyle = this.theme.muted;
    ctx.font = '16px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText('x', p.left + p.size / 2, p.top + p.size + 26);
    ctx.save();
    ctx.translate(p.left - 20, p.top + p.size / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText('y', 0, 0);
    ctx.restore();
    const state = this.state;
    this.drawn = 0;
    if (!state) return;
    const size = pointSizePx(state.count);
    const round = state.count <= 20_000;
    const c = this.colors;
    const paths = new Map<number, Path2D>();
    for (let i = 0; i < state.count; i++) {
      const slot = embeddingSlot(state, i);
      const key =
        ((c[slot * 4]! << 24) | (c[slot * 4 + 1]! << 16) | (c[slot * 4 + 2]! << 8) | c[slot * 4 + 3]!) >>> 0;
      let path = paths.get(key);
      if (!path) {
        path = new Path2D();
        paths.set(key, path);
      }
      const at = this.project(state.positions[slot * 3]!, state.positions[slot * 3 + 1]!);
      if (round) {
        path.moveTo(at.x + size / 2, at.y);
        path.arc(at.x, at.y, size / 2, 0, Math.PI * 2);
      } else path.rect(at.x - size / 2, at.y - size / 2, size, size);
    }
    for (const [key, path] of paths) {
      ctx.fillStyle = `rgba(${key >>> 24},${(key >>> 16) & 255},${(key >>> 8) & 255},${(key & 255) / 255})`;
      ctx.fill(path);
    }
    this.drawn = state.count;
  }
}
