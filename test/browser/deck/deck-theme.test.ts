import { expect } from '@open-wc/testing';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import '../../../src/deck/fleet-deck.js';
import type { FleetDeck } from '../../../src/deck/fleet-deck.js';
import { SCENES } from '../../../src/deck/scene-registry.js';
import type { FleetKnnScene } from '../../../src/scenes/knn/knn-scene.js';
import type { KnnView } from '../../../src/scenes/knn/knn-view.js';
import { THEMES } from '../../../src/scenes/shared/theme-tokens.js';
import { settle } from '../support/fixture-bus.js';
import { pixelAt, project } from '../support/knn-probe.js';

const frame = () => new Promise((ok) => requestAnimationFrame(() => ok(undefined)));
const hex = (colour: string) => [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));
const luminance = ([r, g, b]: readonly number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;

/** The pixel furthest from the background within a few px of the x axis' middle: the axis line. */
function axisPixel(view: KnnView, background: readonly number[]): number[] {
  // The x axis runs from the origin corner (0, 0, 0) along x; no point is drawn near it.
  const at = project(view, 0.5, 0, 0);
  let best: number[] = background as number[];
  for (let dx = -3; dx <= 3; dx++)
    for (let dy = -3; dy <= 3; dy++) {
      const p = pixelAt(view, at.x + dx, at.y + dy).slice(0, 3);
      const d = Math.abs(luminance(p) - luminance(background));
      if (d > Math.abs(luminance(best) - luminance(background))) best = p;
    }
  return best;
}

describe('<fleet-deck theme> switched by an embedding page', () => {
  let box: HTMLElement | undefined;
  afterEach(() => box?.remove());

  it('repaints the knn scene: WebGL background and axes change colour', async function () {
    this.timeout(20_000);
    box = document.createElement('div');
    box.style.cssText = 'width:1600px;height:900px;position:relative';
    const deck = document.createElement('fleet-deck') as FleetDeck;
    deck.noHash = true;
    deck.bus = new FleetBus();
    deck.index = SCENES.findIndex((s) => s.slug === 'knn');
    box.append(deck);
    document.body.append(box);
    await SCENES[deck.index]!.load();
    // Points in the far corner only, clear of the x axis.
    deck.bus.publish(
      Array.from({ length: 20 }, () => ({ type: 'embedding', x: 0.9, y: 0.9, z: 0.9, phase: 'clean' })),
    );
    deck.bus.flush();
    await settle(deck);
    const scene = deck.shadowRoot!.querySelector('fleet-knn-scene') as FleetKnnScene;
    expect(await scene.whenDrawing()).to.equal('webgl');
    scene.view!.setReducedMotion(true);
    const view = scene.view!;

    const corner = () => pixelAt(view, 3, 3);
    const dark = hex(THEMES.dark['--fleet-bg']);
    const light = hex(THEMES.light['--fleet-bg']);
    expect(corner().slice(0, 3)).to.deep.equal(dark);
    const darkAxis = axisPixel(view, dark);
    // Muted on a dark background: the axis is lighter than what it is drawn on.
    expect(luminance(darkAxis)).to.be.greaterThan(luminance(dark) + 40);

    // The embedding page sets the attribute, as any page may: no key, no event of ours.
    deck.setAttribute('theme', 'light');
    await settle(deck);
    await frame();
    expect(corner().slice(0, 3)).to.deep.equal(light);
    const lightAxis = axisPixel(view, light);
    expect(luminance(lightAxis)).to.be.lessThan(luminance(light) - 40);

    // And back, by the property this time.
    deck.theme = 'dark';
    await settle(deck);
    await frame();
    expect(corner().slice(0, 3)).to.deep.equal(dark);
    expect(axisPixel(view, dark)).to.deep.equal(darkAxis);
  });
});
