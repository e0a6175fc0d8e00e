import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { PHASE_COLORS } from '../../../src/contract/palette.js';
import { clusterColor } from '../../../src/scenes/knn/cluster-palette.js';
import '../../../src/scenes/knn/knn-scene.js';
import type { FleetKnnScene } from '../../../src/scenes/knn/knn-scene.js';
import { THEMES } from '../../../src/scenes/shared/theme-tokens.js';
import { mountScene, publishAndSettle, settle } from '../support/fixture-bus.js';
import { cloudGeometry, coloredPixels, pixelAtPoint as pointPixel, project } from '../support/knn-probe.js';

interface Point {
  x: number;
  y: number;
  z?: number;
  phase?: string;
  predicted?: string;
  cluster?: number;
}
const emb = (p: Point) => ({ type: 'embedding', ...p });
const many = (n: number, p: Point) => Array.from({ length: n }, () => emb(p));

const frame = () => new Promise((ok) => requestAnimationFrame(() => ok(undefined)));
const hex = (color: string) => [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));

/** The read-back pixel un-premultiplied, so it compares with the palette color. */
function straight([r, g, b, a]: [number, number, number, number]): number[] {
  return a === 0 ? [0, 0, 0] : [r, g, b].map((v) => Math.round((v * 255) / a));
}
function expectColor(pixel: [number, number, number, number], color: string, tolerance = 40): void {
  expect(pixel[3], `alpha of ${pixel}`).to.be.greaterThan(60);
  const got = straight(pixel);
  const want = hex(color);
  for (let i = 0; i < 3; i++)
    expect(Math.abs(got[i]! - want[i]!), `channel ${i}: ${got} vs ${color}`).to.be.at.most(tolerance);
}

/** The drawn pixel at the data point (x, y, z). */
function pixelAtPoint(scene: FleetKnnScene, x: number, y: number, z: number) {
  return pointPixel(scene.view!, x, y, z);
}

/** The theme background the view clears to, as a read-back pixel. */
function expectBackground(pixel: [number, number, number, number]): void {
  expect(pixel[3], 'opaque background').to.equal(255);
  expectColor(pixel, THEMES.dark['--fleet-bg'], 2);
}

function legend(scene: FleetKnnScene): Record<string, string> {
  const out: Record<string, string> = {};
  for (const li of scene.shadowRoot!.querySelectorAll('[part=legend] li')) {
    out[(li as HTMLElement).dataset.key!] = li.querySelector('.count')!.textContent!.trim();
  }
  return out;
}

async function drawing(scene: FleetKnnScene): Promise<string> {
  const kind = await scene.whenDrawing();
  await settle(scene);
  return kind;
}

/** Mounts the scene under a bus that keeps only `capacity` points. */
function mountWithCapacity(capacity: number) {
  return mountScene<FleetKnnScene>('fleet-knn-scene', { bus: new FleetBus({ embeddingCapacity: capacity }) });
}

describe('<fleet-knn-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('names the event it waits for before the first point', async () => {
    const mounted = await mountScene<FleetKnnScene>('fleet-knn-scene');
    cleanup = mounted.cleanup;
    expect(mounted.element.shadowRoot!.querySelector('[part=empty]')!.textContent).to.contain('embedding');
    expect(mounted.element.view).to.equal(undefined);
    // Nothing to draw yet: whoever waits (print) is not kept waiting.
    expect(await mounted.element.whenDrawing()).to.equal('none');
  });

  it('draws every point as a coloured dot with WebGL', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetKnnScene>('fleet-knn-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [
      ...many(300, { x: 0.2, y: 0.3, z: 0.4, phase: 'infected_running' }),
      ...many(200, { x: 0.8, y: 0.7, z: 0.6, phase: 'clean' }),
    ]);
    expect(await drawing(element)).to.equal('webgl');
    await frame();
    await frame();
    const view = element.view!;
    expect(view.drawnPoints).to.equal(500);
    expectColor(pixelAtPoint(element, 0.2, 0.3, 0.4), PHASE_COLORS.infected_running);
    expectColor(pixelAtPoint(element, 0.8, 0.7, 0.6), PHASE_COLORS.clean);
    // Empty space between the clusters shows the background.
    expectBackground(pixelAtPoint(element, 0.5, 0.5, 0.5));
    expect(coloredPixels(view)).to.be.greaterThan(50);
    expect(element.shadowRoot!.querySelector('.held')!.textContent).to.equal('500');
  });

  it('recolors the points when the mode changes', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetKnnScene>('fleet-knn-scene');
    cleanup = c;
    await publishAndSettle(
      bus,
      element,
      many(50, { x: 0.5, y: 0.5, z: 0.5, phase: 'clean', predicted: 'armed', cluster: 2 }),
    );
    await drawing(element);
    expectColor(pixelAtPoint(element, 0.5, 0.5, 0.5), PHASE_COLORS.clean);
    const button = (mode: string) =>
      element.shadowRoot!.querySelector<HTMLButtonElement>(`[data-mode=${mode}]`)!;
    button('predicted').click();
    await settle(element);
    expect(button('predicted').getAttribute('aria-pressed')).to.equal('true');
    expectColor(pixelAtPoint(element, 0.5, 0.5, 0.5), PHASE_COLORS.armed);
    button('cluster').click();
    await settle(element);
    expectColor(pixelAtPoint(element, 0.5, 0.5, 0.5), clusterColor(2));
    // A mode switch repaints every color but sends no positions.
    expect(element.view!.lastUpload).to.deep.equal({ positions: 0, colors: 50 });
    expect(element.shadowRoot!.querySelector('[part=legend] h3')!.textContent).to.equal('Cluster');
  });

  it('builds the legend from what arrived, with counts and unlabelled', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetKnnScene>('fleet-knn-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [
      ...many(3, { x: 0.1, y: 0.1, phase: 'dormant', predicted: 'dormant', cluster: 11 }),
      ...many(2, { x: 0.2, y: 0.1, phase: 'armed', predicted: 'dormant', cluster: 4 }),
      ...many(4, { x: 0.3, y: 0.1, cluster: 4 }),
      emb({ x: 0.4, y: 0.1, phase: 'clean' }),
    ]);
    await drawing(element);
    expect(legend(element)).to.deep.equal({ armed: '2', dormant: '3', clean: '1', unlabelled: '4' });
    expect(Object.keys(legend(element))).to.deep.equal(['clean', 'armed', 'dormant', 'unlabelled']);
    element.setMode('predicted');
    await settle(element);
    expect(legend(element)).to.deep.equal({ dormant: '5', unlabelled: '5' });
    element.setMode('cluster');
    await settle(element);
    expect(legend(element)).to.deep.equal({ 'cluster:4': '6', 'cluster:11': '3', unlabelled: '1' });
    // Grey for unlabelled, drawn fainter than a labelled point.
    const unlabelled = element.shadowRoot!.querySelector('li[data-key=unlabelled] .dot') as HTMLElement;
    expect(getComputedStyle(unlabelled).backgroundColor).to.equal('rgb(138, 143, 152)');
    // Prediction matches truth for 3 of the 5 points with both labels.
    expect(element.shadowRoot!.querySelector('.agreement .rate')!.textContent).to.equal('60.0%');
    // More arrives: the counts follow.
    await publishAndSettle(bus, element, many(7, { x: 0.5, y: 0.5, cluster: 11 }));
    expect(legend(element)['cluster:11']).to.equal('10');
  });

  it('evicts the oldest points first at the cap, uploading only what changed', async () => {
    const { element, bus, cleanup: c } = await mountWithCapacity(40);
    cleanup = c;
    await publishAndSettle(bus, element, [
      ...many(10, { x: 0.1, y: 0.1, z: 0.1, phase: 'infected_running' }),
      ...many(25, { x: 0.9, y: 0.9, z: 0.9, phase: 'clean' }),
    ]);
    await drawing(element);
    expectColor(pixelAtPoint(element, 0.1, 0.1, 0.1), PHASE_COLORS.infected_running);
    const geometry = cloudGeometry(element.view!);
    await publishAndSettle(bus, element, many(5, { x: 0.9, y: 0.1, z: 0.9, phase: 'dormant' }));
    expect(element.view!.lastUpload).to.deep.equal({ positions: 5, colors: 5 });
    // Full now; ten more push out the ten oldest (the red corner), nothing else.
    await publishAndSettle(bus, element, many(10, { x: 0.9, y: 0.1, z: 0.9, phase: 'dormant' }));
    expect(element.view!.lastUpload).to.deep.equal({ positions: 10, colors: 10 });
    expectBackground(pixelAtPoint(element, 0.1, 0.1, 0.1));
    expectColor(pixelAtPoint(element, 0.9, 0.9, 0.9), PHASE_COLORS.clean);
    expect(legend(element)).to.deep.equal({ clean: '25', dormant: '15' });
    // Inserts and evictions went to the one geometry built at mount.
    expect(cloudGeometry(element.view!)).to.equal(geometry);
    await frame();
    await frame();
    expect(element.view!.drawnPoints).to.equal(40);
    expect(element.shadowRoot!.querySelector('.stats')!.textContent).to.contain('10 oldest dropped');
  });

  it('streamed, uploads points as they come and renders its legend at a readable pace', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetKnnScene>('fleet-knn-scene');
    cleanup = c;
    await publishAndSettle(bus, element, many(5, { x: 0.5, y: 0.5, phase: 'clean' }));
    await drawing(element);
    // Ten points a frame for 400 ms, notified as the bus does on its own (no flush).
    const started = performance.now();
    const counts = new Set<string | undefined>();
    const uploads: number[] = [];
    let sent = 5;
    while (performance.now() - started < 400) {
      bus.publish(many(10, { x: 0.5, y: 0.5, phase: 'clean' }));
      sent += 10;
      await frame();
      await frame();
      uploads.push(element.view!.lastUpload.positions);
      counts.add(legend(element).clean);
    }
    // The points reached the GPU every frame …
    expect(uploads.length).to.be.greaterThan(4);
    expect(uploads.every((n) => n === 10)).to.equal(true);
    // … while the legend rendered about once per 250 ms.
    expect(counts.size).to.be.at.most(3);
    await new Promise((ok) => setTimeout(ok, 300));
    await settle(element);
    expect(legend(element).clean).to.equal(String(sent));
  });

  it('shows a tooltip for the point under the pointer', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetKnnScene>('fleet-knn-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [
      emb({ x: 0.25, y: 0.75, z: 0.5, phase: 'infecting', predicted: 'armed', cluster: 7 }),
      emb({ x: 0.8, y: 0.2, z: 0.5 }),
    ]);
    await drawing(element);
    const viewport = element.shadowRoot!.querySelector<HTMLElement>('[part=viewport]')!;
    const hover = async (x: number, y: number, z: number) => {
      const at = project(element.view!, x, y, z);
      const rect = viewport.getBoundingClientRect();
      viewport.dispatchEvent(
        new PointerEvent('pointermove', {
          clientX: rect.left + at.x,
          clientY: rect.top + at.y,
          bubbles: true,
        }),
      );
      await frame();
      await settle(element);
      return element.shadowRoot!.querySelector('[part=tooltip]')?.textContent?.replace(/\s+/g, ' ').trim();
    };
    const first = await hover(0.25, 0.75, 0.5);
    expect(first).to.contain('phase infecting');
    expect(first).to.contain('predicted armed');
    expect(first).to.contain('cluster 7');
    expect(first).to.contain('0.250 0.750 0.500');
    const second = await hover(0.8, 0.2, 0.5);
    expect(second).to.contain('phase unlabelled');
    expect(second).to.contain('cluster unlabelled');
    viewport.dispatchEvent(new PointerEvent('pointerleave'));
    await settle(element);
    expect(element.shadowRoot!.querySelector('[part=tooltip]')).to.equal(null);
  });

  it('rotates until the first interaction, and the reset button brings rotation and view back', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetKnnScene>('fleet-knn-scene');
    cleanup = c;
    await publishAndSettle(bus, element, many(20, { x: 0.3, y: 0.3, z: 0.3, phase: 'armed' }));
    await drawing(element);
    const view = element.view!;
    expect(view.autoRotating).to.equal(true);
    const before = project(view, 0.3, 0.3, 0.3);
    await frame();
    await frame();
    await frame();
    const after = project(view, 0.3, 0.3, 0.3);
    expect(Math.hypot(after.x - before.x, after.y - before.y)).to.be.greaterThan(0.05);
    const canvas = element.shadowRoot!.querySelector('canvas')!;
    canvas.dispatchEvent(
      new WheelEvent('wheel', { deltaY: -200, clientX: 400, clientY: 300, bubbles: true }),
    );
    expect(view.autoRotating).to.equal(false);
    element.shadowRoot!.querySelector<HTMLButtonElement>('.reset')!.click();
    expect(view.autoRotating).to.equal(true);
  });

  it('does not rotate at all when motion is reduced', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const { element, bus, cleanup: c } = await mountScene<FleetKnnScene>('fleet-knn-scene');
      cleanup = c;
      await publishAndSettle(bus, element, many(20, { x: 0.3, y: 0.3, z: 0.3, phase: 'armed' }));
      await drawing(element);
      const before = project(element.view!, 0.3, 0.3, 0.3);
      await frame();
      await frame();
      expect(element.view!.autoRotating).to.equal(false);
      expect(project(element.view!, 0.3, 0.3, 0.3)).to.deep.equal(before);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('says so and draws a 2-D projection when WebGL is missing', async () => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (
      this: HTMLCanvasElement,
      type: string,
      ...rest: unknown[]
    ) {
      if (type === 'webgl2' || type === 'webgl' || type === 'experimental-webgl') return null;
      return (original as (...args: unknown[]) => unknown).call(this, type, ...rest);
    } as typeof original;
    try {
      const { element, bus, cleanup: c } = await mountScene<FleetKnnScene>('fleet-knn-scene');
      cleanup = c;
      await publishAndSettle(bus, element, [
        ...many(30, { x: 0.2, y: 0.8, z: 0.1, phase: 'dormant' }),
        ...many(30, { x: 0.7, y: 0.3, z: 0.9, phase: 'armed' }),
      ]);
      expect(await drawing(element)).to.equal('fallback');
      expect(element.view).to.equal(undefined);
      expect(element.shadowRoot!.querySelector('[part=notice]')!.textContent).to.contain(
        'WebGL is not available',
      );
      const plot = element.fallback!;
      expect(plot.drawn).to.equal(60);
      const canvas = plot.canvas;
      const ctx = canvas.getContext('2d')!;
      const dpr = canvas.width / canvas.clientWidth;
      const pixel = (x: number, y: number) => {
        const at = plot.project(x, y);
        const d = ctx.getImageData(Math.round(at.x * dpr), Math.round(at.y * dpr), 1, 1).data;
        return [d[0]!, d[1]!, d[2]!, d[3]!] as [number, number, number, number];
      };
      expectColor(pixel(0.2, 0.8), PHASE_COLORS.dormant, 8);
      expectColor(pixel(0.7, 0.3), PHASE_COLORS.armed, 8);
      expect(pixel(0.5, 0.5)[3]).to.equal(0);
      // The legend and the tooltip work the same without WebGL.
      expect(legend(element)).to.deep.equal({ armed: '30', dormant: '30' });
      element.setMode('cluster');
      await settle(element);
      expect(legend(element)).to.deep.equal({ unlabelled: '60' });
      expect(element.shadowRoot!.querySelector('.reset')).to.equal(null);
    } finally {
      HTMLCanvasElement.prototype.getContext = original;
    }
  });

  it('gives its WebGL context back on every unmount: 20 cycles, then a re-mount still draws', async function () {
    // Each cycle compiles shaders on SwiftShader; 21 of them take longer than the default.
    this.timeout(90_000);
    const contexts: WebGL2RenderingContext[] = [];
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (
      this: HTMLCanvasElement,
      type: string,
      ...rest: unknown[]
    ) {
      const context = (original as (...args: unknown[]) => unknown).call(this, type, ...rest);
      if (type === 'webgl2' && context && !contexts.includes(context as WebGL2RenderingContext)) {
        contexts.push(context as WebGL2RenderingContext);
      }
      return context;
    } as typeof original;
    try {
      for (let i = 0; i < 20; i++) {
        const { element, bus, cleanup: c } = await mountScene<FleetKnnScene>('fleet-knn-scene');
        await publishAndSettle(bus, element, many(10, { x: 0.5, y: 0.5, z: 0.5, phase: 'clean' }));
        expect(await drawing(element)).to.equal('webgl');
        c();
        expect(contexts).to.have.length(i + 1);
        expect(contexts[i]!.isContextLost(), `context ${i} after unmount`).to.equal(true);
        expect(element.view).to.equal(undefined);
        expect(element.shadowRoot!.querySelector('canvas')).to.equal(null);
      }
      // The same element taken out and put back draws again, on a fresh context.
      const { element, bus, provider, cleanup: c } = await mountScene<FleetKnnScene>('fleet-knn-scene');
      cleanup = c;
      await publishAndSettle(bus, element, many(10, { x: 0.5, y: 0.5, z: 0.5, phase: 'armed' }));
      await drawing(element);
      const box = element.parentElement!;
      element.remove();
      expect(contexts.at(-1)!.isContextLost()).to.equal(true);
      box.append(element);
      expect(await drawing(element)).to.equal('webgl');
      expect(contexts).to.have.length(22);
      expect(contexts.at(-1)!.isContextLost()).to.equal(false);
      expect(contexts.map((ctx, i) => (ctx.isContextLost() ? -1 : i)).filter((i) => i >= 0)).to.deep.equal([
        21,
      ]);
      expectColor(pixelAtPoint(element, 0.5, 0.5, 0.5), PHASE_COLORS.armed);
      await frame();
      await frame();
      expect(element.view!.drawnPoints).to.equal(10);
      expect(provider.isConnected).to.equal(true);
    } finally {
      HTMLCanvasElement.prototype.getContext = original;
    }
  });

  it('renders a hostile label as text', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetKnnScene>('fleet-knn-scene');
    cleanup = c;
    const hostile = '<img src=x onerror=alert(1)>';
    await publishAndSettle(bus, element, emb({ x: 0.5, y: 0.5, phase: hostile }));
    await drawing(element);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(element.shadowRoot!.querySelector('[part=legend] li .name')!.textContent).to.equal(hostile);
  });
});
