/**
 * What the frame-time and load floors share: the live scene's lanes kept and
 * drawn with nothing of the deck around them. Cells are kept by the scene's
 * own store reducer (`reduceLiveLanes`: compact typed arrays, one lane per
 * host, 60 cells) but with no validation, no bus, no Lit: detections are
 * batched and reduced once per drawn frame. They are laid out and drawn by
 * the scene's own `layoutLanes` and `drawLanes`, on a viewport-sized
 * CPU-backed canvas as the scene does, so the floor's pixels are the deck's
 * pixels (same cells, same hatch).
 */
import type { EventOf } from '../../src/contract/schemas.js';
import { drawLanes } from '../../src/scenes/live/draw-lanes.js';
import { layoutLanes } from '../../src/scenes/live/lane-layout.js';
import { emptyLiveLanesState, type LiveLanesState, reduceLiveLanes } from '../../src/store/live-lanes.js';

/** The fields of a `live_detection` the lanes use (the stream is not validated here). */
interface DetectionLike {
  readonly type?: unknown;
  readonly host_id?: unknown;
  readonly predicted?: unknown;
}

/** Per-host lanes of detections, drawn on one canvas. */
export class BareLanes {
  private state: LiveLanesState = emptyLiveLanesState();
  private pending: EventOf<'live_detection'>[] = [];
  private ctx: CanvasRenderingContext2D | null = null;
  /** Whether anything changed since the last draw. */
  dirty = false;
  /** Cells laid out by the last draw. */
  drawnCells = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    /** CSS px: the scene canvas's width and its lane box's height. */
    private readonly width: number,
    private readonly height: number,
  ) {}

  /** Takes one event off the stream; anything but a detection is skipped. */
  add(event: DetectionLike): void {
    if (event.type !== 'live_detection' || typeof event.host_id !== 'string') return;
    if (typeof event.predicted !== 'string') return;
    this.pending.push(event as EventOf<'live_detection'>);
    this.dirty = true;
  }

  /** Lays the lanes out and draws the band in view, as the live scene does. */
  draw(): void {
    if (this.pending.length > 0) {
      this.state = reduceLiveLanes(this.state, this.pending, performance.now());
      this.pending = [];
    }
    const layout = layoutLanes(this.state, this.state.hosts, this.width, this.height);
    const viewHeight = Math.max(1, Math.min(layout.height, this.height));
    const dpr = globalThis.devicePixelRatio || 1;
    const pixelWidth = Math.max(1, Math.round(this.width * dpr));
    const pixelHeight = Math.max(1, Math.round(viewHeight * dpr));
    const canvas = this.canvas;
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.style.width = `${this.width}px`;
      canvas.style.height = `${viewHeight}px`;
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
    }
    this.ctx ??= canvas.getContext('2d', { willReadFrequently: true });
    if (!this.ctx) return;
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawLanes(this.ctx, layout, this.width, 0, viewHeight);
    this.drawnCells = layout.boxes.length;
    this.dirty = false;
  }
}
