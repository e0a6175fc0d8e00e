/**
 * What the frame-time and load floors share: the live scene's lanes kept and
 * drawn with nothing of the deck around them. Cells are kept by the scene's
 * own store reducer (`reduceLiveLanes`: compact typed arrays, one lane per
 * host, 60 cells) but with no validation, no bus, no Lit: detections are
 * batched and reduced once per drawn frame. They are laid out and drawn by
 * the scene's own `layoutLanes` and `drawLanes`, on a viewport-sized
 * CPU-backed canvas as the scene does, so the floor's pixels are the deck's
 * pixels (same cells, same hatch). Beyond MAX_LANE_HOSTS hosts the scene
 * shows its fleet view, and so does the floor: the rows in view ordered
 * trouble first (re-ordered once a second), drawn by the scene's `drawRows`,
 * and the magnified rows around the focus on a second canvas when given.
 */
import type { EventOf } from '../../src/contract/schemas.js';
import { type LaneContext, sizedContext } from '../../src/scenes/live/canvas-context.js';
import { longestLane } from '../../src/scenes/live/detection-templates.js';
import { drawLanes, drawOverview, drawRows, type RowSpec } from '../../src/scenes/live/draw-lanes.js';
import { FOCUS_ROW, fleetRowHeight, focusWindow } from '../../src/scenes/live/fleet-layout.js';
import { fleetRows } from '../../src/scenes/live/fleet-order.js';
import { labelColors, layoutLanes, MAX_LANE_HOSTS } from '../../src/scenes/live/lane-layout.js';
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
  private order: readonly string[] = [];
  private orderedAt = Number.NEGATIVE_INFINITY;
  /** Whether anything changed since the last draw. */
  dirty = false;
  /** Cells laid out by the last draw. */
  drawnCells = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    /** CSS px: the scene canvas's width and its lane box's height. */
    private readonly width: number,
    private readonly height: number,
    /** The fleet view's magnified rows, and their CSS width. */
    private readonly focus?: { readonly canvas: HTMLCanvasElement; readonly width: number },
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
    if (this.state.hosts.length > MAX_LANE_HOSTS) this.drawFleet();
    else {
      const layout = layoutLanes(this.state, this.state.hosts, this.width, this.height);
      const ctx = this.context(this.canvas, this.width, Math.min(layout.height, this.height));
      if (ctx) drawLanes(ctx, layout, this.width, 0, Math.min(layout.height, this.height));
      this.drawnCells = layout.boxes.length;
    }
    this.dirty = false;
  }

  /** The fleet view: the overview's rows in view, then the magnified rows around the first. */
  private drawFleet(): void {
    const now = performance.now();
    if (now - this.orderedAt >= 1000) {
      this.order = fleetRows(this.state, '').hosts;
      this.orderedAt = now;
    }
    const rowHeight = fleetRowHeight(this.order.length, this.height);
    const viewHeight = Math.min(this.order.length * rowHeight, this.height);
    const colors = labelColors(this.state.cells.labels);
    const columns = longestLane(this.state);
    const rows = (from: number, to: number, height: number, y0: number): RowSpec[] => {
      const out: RowSpec[] = [];
      for (let i = from; i < to; i++) {
        const slot = this.state.slots.get(this.order[i]!);
        if (slot !== undefined) out.push({ slot, y: (i - y0) * height });
      }
      return out;
    };
    const inView = rows(0, Math.ceil(viewHeight / rowHeight), rowHeight, 0);
    this.canvas.style.width = `${this.width}px`;
    drawOverview(
      this.canvas,
      this.state.cells,
      inView,
      { rowHeight, width: this.width, viewHeight, top: 0, columns },
      colors,
    );
    this.drawnCells = inView.length * columns;
    if (!this.focus) return;
    const { first, last } = focusWindow(this.order.length, 0, this.height);
    const focusCtx = this.context(this.focus.canvas, this.focus.width, (last - first) * FOCUS_ROW);
    if (!focusCtx) return;
    drawRows(
      focusCtx,
      this.state.cells,
      rows(first, last, FOCUS_ROW, first),
      FOCUS_ROW,
      this.focus.width,
      colors,
      columns,
    );
  }

  /** The scene's own sizing of a canvas (CPU-backed, CSS px × devicePixelRatio), scaled to CSS px. */
  private context(canvas: HTMLCanvasElement, width: number, height: number): LaneContext | null {
    canvas.style.width = `${width}px`;
    const ctx = sizedContext(canvas, width, Math.max(1, height));
    const dpr = globalThis.devicePixelRatio || 1;
    ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
  }
}
