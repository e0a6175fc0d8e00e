import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { MODEL_COLORS, UNKNOWN_COLOR } from '../../../src/contract/palette.js';
import '../../../src/scenes/models/models-scene.js';
import type { FleetModelsScene } from '../../../src/scenes/models/models-scene.js';
import { mountScene, publishAndSettle } from '../support/fixture-bus.js';

const metric = (model: string, accuracy: number) => ({ type: 'model_metric', model, accuracy });

function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

const row = (scene: FleetModelsScene, model: string) =>
  scene.shadowRoot!.querySelector<HTMLElement>(`[part=bar][data-model="${model}"]`)!;
const barWidth = (scene: FleetModelsScene, model: string) =>
  row(scene, model).querySelector('.bar')!.getBoundingClientRect().width;
const plotWidth = (scene: FleetModelsScene) =>
  scene.shadowRoot!.querySelector('.plot')!.getBoundingClientRect().width;

describe('<fleet-models-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('names the event it waits for before the first metric', async () => {
    const mounted = await mountScene<FleetModelsScene>('fleet-models-scene');
    cleanup = mounted.cleanup;
    expect(mounted.element.shadowRoot!.querySelector('[part=empty]')!.textContent).to.contain('model_metric');
  });

  it('orders bars by vocabulary, unknown models after, alphabetically', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetModelsScene>('fleet-models-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [
      metric('knn', 0.8),
      metric('zeta', 0.7),
      metric('bert', 0.95),
      metric('rnn', 0.85),
      metric('alpha', 0.6),
    ]);
    const order = [...element.shadowRoot!.querySelectorAll('[part=bar]')].map((n) =>
      n.getAttribute('data-model'),
    );
    expect(order).to.deep.equal(['rnn', 'bert', 'knn', 'alpha', 'zeta']);
    const names = [...element.shadowRoot!.querySelectorAll('.name')].map((n) => n.textContent);
    expect(names).to.deep.equal(order);
  });

  it('draws bars on a 0.5–1.0 scale in model colours with value labels', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetModelsScene>('fleet-models-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [metric('lstm', 0.75), metric('bert', 1), metric('mystery', 0.9)]);
    const full = plotWidth(element);
    expect(barWidth(element, 'lstm')).to.be.closeTo(full / 2, 1);
    expect(barWidth(element, 'bert')).to.be.closeTo(full, 1);
    expect(barWidth(element, 'mystery')).to.be.closeTo(full * 0.8, 1);
    const color = (m: string) => getComputedStyle(row(element, m).querySelector('.bar')!).backgroundColor;
    expect(color('lstm')).to.equal(rgb(MODEL_COLORS.lstm));
    expect(color('bert')).to.equal(rgb(MODEL_COLORS.bert));
    expect(color('mystery')).to.equal(rgb(UNKNOWN_COLOR));
    expect(row(element, 'lstm').querySelector('.value')!.textContent!.trim()).to.equal('75.0%');
    expect(row(element, 'bert').querySelector('.value')!.textContent).to.contain('best');
    const ticks = [...element.shadowRoot!.querySelectorAll('.tick')].map((t) => t.textContent);
    expect(ticks).to.deep.equal(['50%', '60%', '70%', '80%', '90%', '100%']);
  });

  it('pins a value below 0.5 at the axis and still shows it', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetModelsScene>('fleet-models-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [metric('rnn', 0.42), metric('gru', 0.9)]);
    expect(barWidth(element, 'rnn')).to.equal(0);
    const value = row(element, 'rnn').querySelector<HTMLElement>('.value')!;
    expect(value.textContent).to.contain('◀42.0%');
    expect(value.textContent).to.contain('below 50.0%');
    // The label starts at the axis, not off to the left of it.
    const plotLeft = element.shadowRoot!.querySelector('.plot')!.getBoundingClientRect().left;
    expect(value.getBoundingClientRect().left).to.be.closeTo(plotLeft, 1);
    expect(row(element, 'rnn').querySelector('.pin')).to.not.equal(null);
    expect(row(element, 'gru').querySelector('.pin')).to.equal(null);
  });

  it('animates a new value, and jumps straight to it under reduced motion', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetModelsScene>('fleet-models-scene');
    cleanup = c;
    await publishAndSettle(bus, element, metric('gru', 0.6));
    const full = plotWidth(element);
    const bar = row(element, 'gru').querySelector<HTMLElement>('.bar')!;
    expect(getComputedStyle(bar).transitionDuration).to.equal('0.7s');
    await publishAndSettle(bus, element, metric('gru', 1));
    // Mid-flight: past the old length, short of the new one.
    const midway = bar.getBoundingClientRect().width;
    expect(midway).to.be.greaterThan(full * 0.2 + 1);
    expect(midway).to.be.lessThan(full - 1);

    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      await new Promise((ok) => setTimeout(ok, 800));
      expect(getComputedStyle(bar).transitionDuration).to.equal('0s');
      await publishAndSettle(bus, element, metric('gru', 0.7));
      expect(bar.getBoundingClientRect().width).to.be.closeTo(full * 0.4, 1);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('renders a hostile model name as text', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetModelsScene>('fleet-models-scene');
    cleanup = c;
    const hostile = '<img src=x onerror=alert(1)>';
    await publishAndSettle(bus, element, metric(hostile, 0.8));
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(element.shadowRoot!.querySelector('.name')!.textContent).to.equal(hostile);
  });
});
