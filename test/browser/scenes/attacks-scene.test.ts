import { expect } from '@open-wc/testing';
import '../../../src/scenes/attacks/attacks-scene.js';
import type { FleetAttacksScene } from '../../../src/scenes/attacks/attacks-scene.js';
import { SPARK_HEIGHT, SPARK_WIDTH } from '../../../src/scenes/attacks/sparkline.js';
import { mountScene, publishAndSettle } from '../support/fixture-bus.js';

const profile = (name: string, curve: number[], shape?: string) => ({
  type: 'attack_profile',
  name,
  curve,
  shape,
});

/** The [x, y] vertices of an SVG path made of M/L commands. */
function vertices(d: string): [number, number][] {
  const numbers = d.match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);
  const out: [number, number][] = [];
  for (let i = 0; i < numbers.length; i += 2) out.push([numbers[i]!, numbers[i + 1]!]);
  return out;
}

function curveOf(scene: FleetAttacksScene, name: string): [number, number][] {
  const cell = scene.shadowRoot!.querySelector(`[part=profile][data-name="${name}"]`)!;
  return vertices(cell.querySelector('path.line')!.getAttribute('d')!);
}

describe('<fleet-attacks-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('names the event it waits for before the first profile', async () => {
    const mounted = await mountScene<FleetAttacksScene>('fleet-attacks-scene');
    cleanup = mounted.cleanup;
    expect(mounted.element.shadowRoot!.querySelector('[part=empty]')!.textContent).to.contain(
      'attack_profile',
    );
  });

  it('scales each curve to its own peak and shows name and shape', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetAttacksScene>('fleet-attacks-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [
      profile('loud', [0, 50, 100], 'a big ramp'),
      profile('quiet', [0, 0.05, 0.1], 'a small ramp'),
    ]);
    const cells = [...element.shadowRoot!.querySelectorAll('[part=profile]')];
    expect(cells.map((n) => n.getAttribute('data-name'))).to.deep.equal(['loud', 'quiet']);
    expect(cells[1]!.querySelector('.shape')!.textContent).to.equal('a small ramp');
    expect(cells[0]!.querySelector('.peak')!.textContent).to.equal('peak 100');
    // Both reach the top of their box: floor 57, middle 30, top 3 (3 px of padding).
    const floor = SPARK_HEIGHT - 3;
    for (const name of ['loud', 'quiet']) {
      const pts = curveOf(element, name);
      expect(pts.map(([x]) => x)).to.deep.equal([0, SPARK_WIDTH / 2, SPARK_WIDTH]);
      expect(pts.map(([, y]) => y)).to.deep.equal([floor, 30, 3]);
    }
  });

  it('draws a zero-only curve flat along the floor, without NaN', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetAttacksScene>('fleet-attacks-scene');
    cleanup = c;
    await publishAndSettle(bus, element, profile('idle', [0, 0, 0, 0, 0]));
    const d = element.shadowRoot!.querySelector('path.line')!.getAttribute('d')!;
    expect(d).not.to.contain('NaN');
    const ys = vertices(d).map(([, y]) => y);
    expect(ys).to.have.length(5);
    expect(new Set(ys)).to.deep.equal(new Set([SPARK_HEIGHT - 3]));
    expect(element.shadowRoot!.querySelector('.peak')!.textContent).to.equal('peak 0');
  });

  it('replaces a curve when a later event has the same name', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetAttacksScene>('fleet-attacks-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [profile('a', [1, 2, 4], 'rising'), profile('b', [1, 1, 1])]);
    expect(curveOf(element, 'a').map(([, y]) => y)).to.deep.equal([43.5, 30, 3]);
    await publishAndSettle(bus, element, profile('a', [4, 2, 1], 'falling'));
    const cells = element.shadowRoot!.querySelectorAll('[part=profile]');
    expect(cells).to.have.length(2);
    // Same place in the grid (sorted by name), new curve and shape.
    expect(cells[0]!.getAttribute('data-name')).to.equal('a');
    expect(cells[0]!.querySelector('.shape')!.textContent).to.equal('falling');
    expect(curveOf(element, 'a').map(([, y]) => y)).to.deep.equal([3, 30, 43.5]);
  });

  it('draws a single sample across the whole width', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetAttacksScene>('fleet-attacks-scene');
    cleanup = c;
    await publishAndSettle(bus, element, profile('dot', [7]));
    expect(curveOf(element, 'dot')).to.deep.equal([
      [0, 3],
      [SPARK_WIDTH, 3],
    ]);
  });

  it('fits 24 profiles on the 1600×900 stage with readable names', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetAttacksScene>('fleet-attacks-scene');
    cleanup = c;
    const many = Array.from({ length: 24 }, (_, i) =>
      profile(`profile-${String(i).padStart(2, '0')}`, [0, i, i * 2, i], `shape number ${i}`),
    );
    await publishAndSettle(bus, element, many);
    await publishAndSettle(bus, element, []);
    const host = element.getBoundingClientRect();
    expect(host.height).to.equal(900);
    const cells = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part=profile]')];
    expect(cells).to.have.length(24);
    for (const cell of cells) {
      const r = cell.getBoundingClientRect();
      expect(r.bottom).to.be.at.most(host.bottom - 40);
      expect(r.right).to.be.at.most(host.right - 60);
      expect(cell.querySelector('svg')!.getBoundingClientRect().height).to.be.at.least(50);
      expect(Number.parseFloat(getComputedStyle(cell.querySelector('.name')!).fontSize)).to.be.at.least(18);
    }
    expect(element.shape!.cols * element.shape!.rows).to.be.at.least(24);
  });

  it('renders a hostile name as text', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetAttacksScene>('fleet-attacks-scene');
    cleanup = c;
    const hostile = '<img src=x onerror=alert(1)>';
    await publishAndSettle(bus, element, profile(hostile, [1, 2], hostile));
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(element.shadowRoot!.querySelector('.name')!.textContent).to.equal(hostile);
  });
});
