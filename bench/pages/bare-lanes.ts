/**
 * What the frame-time and load floors share: the live scene's lanes kept and
 * drawn with nothing of the deck around them. Cells are kept by the same rule
 * as the live-lanes store (one lane per host, 60 cells, newest on the right; a
 * detection carrying truth for a window still in the lane fills that cell) but
 * in plain mutable arrays: no validation, no immutable store, no bus, no Lit.
 * They are laid out and drawn by the scene's own `layoutLanes` and
 * `drawLanes`, on a viewport-sized CPU-backed canvas as the scene does, so
 * the floor's pixels are the deck's pixels (same cells, same hatch).
 */
import { drawLanes } from '../../src/scenes/live/draw-lanes.js';
import { layoutLanes } from '../../src/scenes/live/lane-layout.js';
import { emptyLiveLanes, LANE_CAPACITY, type LaneCell } from '../../src/store/live-lanes.js';

/** The fields of a `live_detection` the lanes use (the stream is not validated here). */
interface DetectionLike {
  readonly type?: unknown;
  readonly host_id?: unknown;
  readonly predicted?: unknown;
  readonly actual?: unknown;
  readonly episode_id?: unknown;
  readonly window_idx?: unknown;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Per-host lanes of detections, drawn on one canvas. */
export class BareLanes {
  private readonly lanes = new Map<string, LaneCell[]>();
  private hosts: string[] = [];
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
    const host = event.host_id;
    let lane = this.lanes.get(host);
    if (!lane) {
      lane = [];
      this.lanes.set(host, lane);
      this.hosts.push(host);
      this.hosts.sort(collator.compare);
    }
    const actual = typeof event.actual === 'string' ? event.actual : undefined;
    const episode = typeof event.episode_id === 'string' ? event.episode_id : undefined;
    const window = typeof event.window_idx === 'number' ? event.window_idx : undefined;
    if (actual !== undefined && episode !== undefined && window !== undefined) {
      for (let i = lane.length - 1; i >= 0; i--) {
        const cell = lane[i]!;
        if (cell.window_idx === window && cell.episode_id === episode) {
          if (cell.actual === undefined) lane[i] = { ...cell, actual };
          this.dirty = true;
          return;
        }
      }
    }
    lane.push({
      host_id: host,
      predicted: String(event.predicted),
      actual,
      episode_id: episode,
      window_idx: window,
      arrived: 0,
    });
    if (lane.length > LANE_CAPACITY) lane.shift();
    this.dirty = true;
  }

  /** Lays the lanes out and draws the band in view, as the live scene does. */
  draw(): void {
    const layout = layoutLanes(
      { ...emptyLiveLanes, lanes: this.lanes, hosts: this.hosts },
      this.width,
      this.height,
    );
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
