import { expect } from '@open-wc/testing';
import '../../../src/scenes/perf/perf-scene.js';
import type { FleetPerfScene } from '../../../src/scenes/perf/perf-scene.js';
import { mountScene, publishAndSettle } from '../support/fixture-bus.js';

const perf = (model: string, latency_us: number, accuracy: number) => ({
  type: 'model_perf',
  model,
  latency_us,
  accuracy,
});

const dot = (scene: FleetPerfScene, model: string) =>
  scene.shadowRoot!.querySelector<SVGCircleElement>(`.point[data-model="${model}"] circle`)!;

describe('<fleet-perf-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('names the event it waits for before the first point', async () => {
    const mounted = await mountScene<FleetPerfScene>('fleet-perf-scene');
    cleanup = mounted.cleanup;
    expect(mounted.element.shadowRoot!.querySelector('[part=empty]')!.textContent).to.contain('model_perf');
  });

  it('puts a point at 120 µs and 0.93 where the log and linear scales put it', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetPerfScene>('fleet-perf-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [
      perf('rnn', 60, 0.85),
      perf('lstm', 120, 0.93),
      perf('bert', 9600, 0.96),
    ]);
    const layout = element.layout!;
    const circle = dot(element, 'lstm');
    const cx = Number(circle.getAttribute('cx'));
    const cy = Number(circle.getAttribute('cy'));
    expect(cx).to.be.closeTo(layout.x(120), 1e-9);
    expect(cy).to.be.closeTo(layout.y(0.93), 1e-9);
    // Independently of the scale objects: logarithmic in x, linear in y, within the plot.
    const [lo, hi] = layout.x.domain() as [number, number];
    const { left, right, top, bottom } = layout.plot;
    expect((cx - left) / (right - left)).to.be.closeTo(Math.log(120 / lo) / Math.log(hi / lo), 1e-6);
    const [a0, a1] = layout.y.domain() as [number, number];
    expect((bottom - cy) / (bottom - top)).to.be.closeTo((0.93 - a0) / (a1 - a0), 1e-6);
    // Latency doubling from 60 to 120 µs moves x as far as 4800 to 9600 µs would.
    expect(layout.x(120) - layout.x(60)).to.be.closeTo(layout.x(9600) - layout.x(4800), 1e-6);
    // And on screen: the SVG is drawn 1:1, so the dot's centre is at (cx, cy) of the chart box.
    const svgBox = element.shadowRoot!.querySelector('svg.plot')!.getBoundingClientRect();
    const box = circle.getBoundingClientRect();
    expect(box.left + box.width / 2 - svgBox.left).to.be.closeTo(cx, 1);
    expect(box.top + box.height / 2 - svgBox.top).to.be.closeTo(cy, 1);
    expect(element.shadowRoot!.querySelector('.point[data-model="lstm"] .detail')!.textContent).to.equal(
      '120 µs · 93.0%',
    );
  });

  it('draws the Pareto frontier through non-dominated models only', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetPerfScene>('fleet-perf-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [
      perf('rnn', 800, 0.86),
      perf('gru', 1100, 0.89),
      perf('lstm', 1600, 0.92),
      perf('knn', 3500, 0.82), // slower and less accurate than rnn, gru and lstm
      perf('bert', 12000, 0.95),
    ]);
    const layout = element.layout!;
    expect(layout.frontier.map((p) => p.model)).to.deep.equal(['rnn', 'gru', 'lstm', 'bert']);
    expect(dot(element, 'knn').classList.contains('dominated')).to.equal(true);
    expect(dot(element, 'lstm').classList.contains('dominated')).to.equal(false);
    // The staircase's corners are the frontier points and the steps between them; knn is not among them.
    const d = element.shadowRoot!.querySelector('path.frontier')!.getAttribute('d')!;
    const numbers = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    const corners: [number, number][] = [];
    for (let i = 0; i < numbers.length; i += 2) corners.push([numbers[i]!, numbers[i + 1]!]);
    const near = ([x, y]: [number, number], lat: number, acc: number) =>
      Math.abs(x - layout.x(lat)) < 0.01 && Math.abs(y - layout.y(acc)) < 0.01;
    expect(corners).to.have.length(7);
    expect(near(corners[0]!, 800, 0.86)).to.equal(true);
    expect(near(corners[1]!, 1100, 0.86)).to.equal(true);
    expect(near(corners[6]!, 12000, 0.95)).to.equal(true);
    expect(corners.some((p) => Math.abs(p[0] - layout.x(3500)) < 0.01)).to.equal(false);
  });

  it('keeps the latest point per model', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetPerfScene>('fleet-perf-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [perf('gru', 1000, 0.8), perf('lstm', 2000, 0.9)]);
    await publishAndSettle(bus, element, perf('gru', 3000, 0.95));
    expect(element.shadowRoot!.querySelectorAll('.point[data-model="gru"]')).to.have.length(1);
    expect(Number(dot(element, 'gru').getAttribute('cx'))).to.be.closeTo(element.layout!.x(3000), 1e-9);
    // gru is now slower but more accurate than lstm: a trade, so both are on the frontier.
    expect(element.layout!.frontier.map((p) => p.model)).to.deep.equal(['lstm', 'gru']);
  });

  it('fits its axes to the data', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetPerfScene>('fleet-perf-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [perf('a', 2e5, 0.61), perf('b', 2e6, 0.68)]);
    let layout = element.layout!;
    const [lo, hi] = layout.x.domain() as [number, number];
    expect(lo).to.be.within(1e5, 2e5);
    expect(hi).to.be.within(2e6, 4e6);
    const [a0, a1] = layout.y.domain() as [number, number];
    expect(a0).to.be.within(0.5, 0.61);
    expect(a1).to.be.within(0.68, 0.75);
    const labels = [...element.shadowRoot!.querySelectorAll('.x-ticks text')].map((t) => t.textContent);
    expect(labels).to.include('1 s');
    expect(labels).to.include('200 ms');

    await publishAndSettle(bus, element, [perf('a', 40, 0.97), perf('b', 90, 0.99)]);
    layout = element.layout!;
    expect((layout.x.domain() as number[])[0]).to.be.below(40);
    expect((layout.x.domain() as number[])[1]).to.be.within(90, 200);
    expect((layout.y.domain() as number[])[1]).to.equal(1);
    const ys = [...element.shadowRoot!.querySelectorAll('.y-ticks text')].map((t) => t.textContent);
    expect(ys).to.include('100%');
  });

  it('marks the better corner at the upper left of the plot', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetPerfScene>('fleet-perf-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [perf('rnn', 800, 0.86), perf('bert', 12000, 0.95)]);
    const corner = element.shadowRoot!.querySelector('.better-corner')!;
    expect(corner.textContent).to.contain('better');
    const rect = corner.querySelector('rect')!;
    const { plot } = element.layout!;
    expect(Number(rect.getAttribute('x'))).to.equal(plot.left);
    expect(Number(rect.getAttribute('y'))).to.equal(plot.top);
    expect(Number(rect.getAttribute('width'))).to.be.lessThan((plot.right - plot.left) / 2);
  });

  it('renders a hostile model name as text', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetPerfScene>('fleet-perf-scene');
    cleanup = c;
    const hostile = '<img src=x onerror=alert(1)>';
    await publishAndSettle(bus, element, perf(hostile, 100, 0.9));
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(element.shadowRoot!.querySelector('.point .model')!.textContent).to.equal(hostile);
  });
});
