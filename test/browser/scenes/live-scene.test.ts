import { expect } from '@open-wc/testing';
import { drawingSurface } from '../../../src/scenes/live/canvas-context.js';
import '../../../src/scenes/live/live-scene.js';
import type { FleetLiveScene } from '../../../src/scenes/live/live-scene.js';
import { mountScene, publishAndSettle, settle } from '../support/fixture-bus.js';

const det = (
  host: string,
  win: number,
  predicted: string,
  actual?: string,
  extra: Record<string, unknown> = {},
) => ({
  type: 'live_detection',
  host_id: host,
  episode_id: `ep-${host}`,
  window_idx: win,
  predicted,
  actual,
  confidence: 0.87,
  model: 'lstm',
  profile: 'bursty-c2',
  latency_ms: 1.6,
  ...extra,
});

function pixelAt(scene: FleetLiveScene, x: number, y: number): [number, number, number, number] {
  const canvas = scene.shadowRoot!.querySelector('canvas')!;
  const surface = drawingSurface(canvas);
  const dpr = surface.width / canvas.clientWidth;
  const ctx = surface.getContext('2d') as CanvasRenderingContext2D;
  const data = ctx.getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data;
  return [data[0]!, data[1]!, data[2]!, data[3]!];
}

describe('<fleet-live-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('names the event it waits for before the first detection', async () => {
    const mounted = await mountScene<FleetLiveScene>('fleet-live-scene');
    cleanup = mounted.cleanup;
    const empty = mounted.element.shadowRoot!.querySelector('[part=empty]')!;
    expect(empty.textContent).to.contain('live_detection');
  });

  it('draws one lane per host, sorted, with cells newest on the right', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetLiveScene>('fleet-live-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [
      det('host-10', 0, 'clean', 'clean'),
      det('host-2', 0, 'armed', 'armed'),
      det('host-2', 1, 'dormant', 'dormant'),
    ]);
    const labels = [...element.shadowRoot!.querySelectorAll('.host')].map((n) => n.textContent);
    expect(labels).to.deep.equal(['host-2', 'host-10']);
    const layout = element.layout!;
    const lane0 = layout.boxes.filter((b) => b.lane === 0);
    expect(lane0.map((b) => b.predicted)).to.deep.equal(['armed', 'dormant']);
    expect(lane0[1]!.x).to.be.greaterThan(lane0[0]!.x);
    // The newest cell ends at the right edge of the canvas.
    const canvasWidth = element.shadowRoot!.querySelector('canvas')!.clientWidth;
    expect(lane0[1]!.x + layout.cellWidth).to.be.closeTo(canvasWidth, 1);
  });

  it('hatches a cell whose truth disagrees and not one that agrees', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetLiveScene>('fleet-live-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [
      det('h1', 0, 'clean', 'clean'),
      det('h1', 1, 'clean', 'infecting'),
    ]);
    const [agree, disagree] = element.layout!.boxes;
    expect(agree!.mismatch).to.equal(false);
    expect(disagree!.mismatch).to.equal(true);
    const darkPixels = (box: typeof agree) => {
      let dark = 0;
      for (let x = box!.x + 1; x < box!.x + box!.w - 1; x += 1) {
        const [r, g, b] = pixelAt(element, x, box!.y + box!.h / 2);
        if (r + g + b < 120) dark++;
      }
      return dark;
    };
    expect(darkPixels(agree)).to.equal(0);
    expect(darkPixels(disagree)).to.be.greaterThan(0);
  });

  it('shows a pending cell faintly and fills it when truth follows, counting it once', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetLiveScene>('fleet-live-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [det('h1', 0, 'armed', 'armed'), det('h1', 1, 'armed')]);
    let boxes = element.layout!.boxes;
    expect(boxes[1]!.pending).to.equal(true);
    const solid = pixelAt(element, boxes[0]!.x + boxes[0]!.w / 2, boxes[0]!.y + boxes[0]!.h / 2);
    const faint = pixelAt(element, boxes[1]!.x + boxes[1]!.w / 2, boxes[1]!.y + boxes[1]!.h / 2);
    expect(faint[3]).to.be.lessThan(solid[3]);
    expect(element.shadowRoot!.querySelector('.hit-rate')!.textContent).to.equal('100.0%');

    await publishAndSettle(bus, element, det('h1', 1, 'armed', 'infecting'));
    boxes = element.layout!.boxes;
    expect(boxes).to.have.length(2);
    expect(boxes[1]!.pending).to.equal(false);
    expect(boxes[1]!.mismatch).to.equal(true);
    expect(element.shadowRoot!.querySelector('.hit-rate')!.textContent).to.equal('50.0%');
    // A second follow-up for the same cell does not count again.
    await publishAndSettle(bus, element, det('h1', 1, 'armed', 'armed'));
    expect(element.shadowRoot!.querySelector('.hit-rate')!.textContent).to.equal('50.0%');
  });

  it('calls out the newest detection with confidence and latency', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetLiveScene>('fleet-live-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [
      det('h1', 0, 'clean'),
      det('h7', 3, 'infected_running', 'dormant', { confidence: 0.42, latency_ms: 12.34, model: 'bert' }),
    ]);
    const callout = element.shadowRoot!.querySelector('[part=callout]')!.textContent!.replace(/\s+/g, ' ');
    expect(callout).to.contain('h7');
    expect(callout).to.contain('bert');
    expect(callout).to.contain('infected running');
    expect(callout).to.contain('dormant');
    expect(callout).to.contain('42%');
    expect(callout).to.contain('12.3 ms');
  });

  it('streamed, redraws its lanes every frame and renders its text at a readable pace', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetLiveScene>('fleet-live-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [det('h1', 0, 'clean'), det('h2', 0, 'clean')]);
    const summary = () => element.shadowRoot!.querySelector('canvas')!.getAttribute('aria-label')!;
    const cells = () => element.layout!.boxes.filter((b) => b.lane === 0).length;
    const frame = () => new Promise((ok) => requestAnimationFrame(() => ok(undefined)));
    // A detection every other frame for 400 ms, notified as the bus does on its own (no flush).
    const started = performance.now();
    const summaries = new Set<string>();
    const drawn: number[] = [];
    let published = 2;
    while (performance.now() - started < 400) {
      bus.publish(det('h1', published++, 'armed'));
      await frame();
      await frame();
      drawn.push(cells());
      summaries.add(summary());
    }
    // The lanes followed every detection …
    expect(published).to.be.greaterThan(8);
    expect(drawn.at(-1)).to.equal(published - 1);
    expect(new Set(drawn).size).to.equal(drawn.length);
    // … while the text rendered about once per 250 ms, not with every one.
    expect(summaries.size).to.be.at.most(3);
    // One more render once the interval ends: the text ends on the newest state.
    await new Promise((ok) => setTimeout(ok, 300));
    await settle(element);
    expect(summary()).to.contain(`${published} detections`);
  });

  it('draws the lanes on an OffscreenCanvas, its frames going to the compositor outside the page paint', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetLiveScene>('fleet-live-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [det('h1', 0, 'clean', 'clean')]);
    const canvas = element.shadowRoot!.querySelector('canvas')!;
    const surface = drawingSurface(canvas);
    expect(surface).to.be.instanceOf(OffscreenCanvas);
    // Sized to the canvas's CSS box, and drawn there: the cell is clean's green.
    expect(surface.width).to.equal(Math.round(canvas.clientWidth * devicePixelRatio));
    const box = element.layout!.boxes[0]!;
    expect(pixelAt(element, box.x + box.w / 2, box.y + box.h / 2).slice(0, 3)).to.not.deep.equal([0, 0, 0]);
  });

  it('renders a hostile host id as text', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetLiveScene>('fleet-live-scene');
    cleanup = c;
    const hostile = '<img src=x onerror=alert(1)>';
    await publishAndSettle(bus, element, det(hostile, 0, 'clean', 'clean'));
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(element.shadowRoot!.querySelector('.host')!.textContent).to.equal(hostile);
  });

  it('fills the stage with a few lanes, labels of at least 12 px ending in an ellipsis', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetLiveScene>('fleet-live-scene');
    cleanup = c;
    const long = `host-with-a-very-long-name-${'x'.repeat(60)}-end`;
    await publishAndSettle(bus, element, [
      ...Array.from({ length: 4 }, (_, i) => det(`host-${i}`, 0, 'clean', 'clean')),
      det(long, 0, 'armed'),
    ]);
    const lanes = element.shadowRoot!.querySelector<HTMLElement>('[part=lanes]')!;
    // Five lanes share the whole box: nothing left blank below them, nothing scrolled.
    expect(element.layout!.height).to.be.closeTo(lanes.clientHeight, 2);
    expect(lanes.scrollHeight).to.be.at.most(lanes.clientHeight + 1);
    const labels = [...element.shadowRoot!.querySelectorAll<HTMLElement>('.host')];
    for (const label of labels)
      expect(Number.parseFloat(getComputedStyle(label).fontSize)).to.be.at.least(12);
    const longLabel = labels.find((l) => l.textContent === long)!;
    expect(getComputedStyle(longLabel).textOverflow).to.equal('ellipsis');
    expect(longLabel.scrollWidth).to.be.greaterThan(longLabel.clientWidth);
    expect(longLabel.title).to.equal(long);
    // Focused, the whole id shows.
    longLabel.focus();
    await settle(element);
    expect(longLabel.getBoundingClientRect().width).to.be.at.least(longLabel.scrollWidth - 1);
  });

  it("keeps a cell's tooltip inside its scrolling box, at the right end of a lane as at the left", async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetLiveScene>('fleet-live-scene');
    cleanup = c;
    const lane = (host: string) =>
      Array.from({ length: 60 }, (_, i) =>
        det(host, i, 'infected_running', 'dormant', { profile: 'slow-exfil' }),
      );
    await publishAndSettle(bus, element, [...lane('host-1'), ...lane('host-2')]);
    // The box clips what overflows it: the tooltip must end inside it.
    const inside = async (boxSelector: string, x: number, y: number) => {
      const canvas = element.shadowRoot!.querySelector('canvas')!;
      const rect = canvas.getBoundingClientRect();
      canvas.dispatchEvent(
        new PointerEvent('pointermove', { clientX: rect.left + x, clientY: rect.top + y, bubbles: true }),
      );
      await settle(element);
      const tip = element.shadowRoot!.querySelector('[role=tooltip]')!.getBoundingClientRect();
      const box = element.shadowRoot!.querySelector(boxSelector)!.getBoundingClientRect();
      expect(tip.width).to.be.greaterThan(0);
      expect(tip.left).to.be.at.least(box.left);
      expect(tip.right).to.be.at.most(box.right);
    };
    const boxes = element.layout!.boxes.filter((b) => b.lane === 0);
    for (const box of [boxes[0]!, boxes.at(-1)!]) await inside('[part=lanes]', box.x + box.w / 2, box.y + 2);
    // The fleet view too, at both ends of a row.
    await publishAndSettle(
      bus,
      element,
      Array.from({ length: 60 }, (_, i) => det(`host-${i + 3}`, 0, 'infected_running', 'dormant')),
    );
    expect(element.fleetView).to.equal(true);
    const width = element.shadowRoot!.querySelector('canvas')!.clientWidth;
    await inside('.overview', width - 2, 2);
    await inside('.overview', 2, 2);
  });

  it('keeps the model badge of the last model seen when the latest detection names none', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetLiveScene>('fleet-live-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [det('h1', 0, 'clean', 'clean', { model: 'gru' })]);
    await publishAndSettle(bus, element, [det('h2', 0, 'clean', 'clean', { model: undefined })]);
    expect(element.shadowRoot!.querySelector('.badge')!.textContent).to.equal('gru');
  });

  it('switches to the fleet view past a few dozen hosts, drawing only the rows in view', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetLiveScene>('fleet-live-scene');
    cleanup = c;
    const many = Array.from({ length: 36 }, (_, i) =>
      det(`host-${String(i).padStart(3, '0')}`, 0, 'dormant', 'dormant'),
    );
    await publishAndSettle(bus, element, many);
    expect(element.fleetView).to.equal(false);
    const more = Array.from({ length: 3000 }, (_, i) =>
      det(`host-${String(i + 36).padStart(4, '0')}`, 0, 'dormant', 'dormant'),
    );
    await publishAndSettle(bus, element, more);
    expect(element.fleetView).to.equal(true);
    const overview = element.shadowRoot!.querySelector<HTMLElement>('.overview')!;
    const canvas = overview.querySelector('canvas')!;
    expect(canvas.clientHeight).to.be.at.most(overview.clientHeight);
    expect(overview.scrollHeight).to.be.greaterThan(overview.clientHeight);
    overview.scrollTop = overview.scrollHeight;
    overview.dispatchEvent(new Event('scroll'));
    await settle(element);
    // Rows this thin are drawn compact: one backing pixel per cell column, scaled up by CSS.
    const surface = drawingSurface(canvas);
    const sx = surface.width / canvas.clientWidth;
    const sy = surface.height / canvas.clientHeight;
    expect(surface.width).to.be.below(canvas.clientWidth);
    // The last row, at the bottom of the scrolled view, is drawn: dormant is #7b6fd0.
    const [r, g, b] = (surface.getContext('2d') as CanvasRenderingContext2D).getImageData(
      Math.floor((canvas.clientWidth - 3) * sx),
      Math.round((canvas.clientHeight - 1) * sy),
      1,
      1,
    ).data;
    expect([r, g, b]).to.deep.equal([0x7b, 0x6f, 0xd0]);
  });
});
