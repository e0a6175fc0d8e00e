import { expect } from '@open-wc/testing';
import { SCENE_TEXT } from '../../../src/content/deck-text.js';
import '../../../src/scenes/baseline/baseline-scene.js';
import type { FleetBaselineScene } from '../../../src/scenes/baseline/baseline-scene.js';
import { FleetBus, mountScene, publishAndSettle } from '../support/fixture-bus.js';

const phase = (p: string) => ({ type: 'phase', phase: p });

/** Mounts the scene under a bus whose clock the test moves. */
function mountClocked(clock: { t: number }) {
  return mountScene<FleetBaselineScene>('fleet-baseline-scene', {
    bus: new FleetBus({ now: () => clock.t }),
  });
}

async function tick(element: FleetBaselineScene): Promise<void> {
  element.requestUpdate();
  await element.updateComplete;
}

const bar = (element: FleetBaselineScene) =>
  [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part=bar] .seg')].map((s) => [
    s.dataset.phase,
    Number.parseFloat(s.style.width),
  ]);

const legendRow = (element: FleetBaselineScene, p: string) => {
  const row = element.shadowRoot!.querySelector(`[part=legend] tr[data-phase="${p}"]`)!;
  return [row.querySelector('.count')?.textContent, row.querySelector('.pct')!.textContent];
};

describe('<fleet-baseline-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('names the events it waits for before the first one', async () => {
    const mounted = await mountScene<FleetBaselineScene>('fleet-baseline-scene');
    cleanup = mounted.cleanup;
    const empty = mounted.element.shadowRoot!.querySelector('[part=empty]')!;
    expect(empty.textContent).to.contain('phase');
    expect(empty.textContent).to.contain('phase_mix');
  });

  it('stacks the shares of phase events with percentages, counts and a legend', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetBaselineScene>('fleet-baseline-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [phase('clean'), phase('clean'), phase('clean'), phase('armed')]);
    expect(bar(element)).to.deep.equal([
      ['clean', 75],
      ['armed', 25],
    ]);
    expect(element.shadowRoot!.querySelector('[part=bar] .seg .seg-word')!.textContent).to.equal('75.0%');
    expect(legendRow(element, 'clean')).to.deep.equal(['3', '75.0%']);
    expect(legendRow(element, 'armed')).to.deep.equal(['1', '25.0%']);
    // Every known phase is in the legend, even at zero.
    expect(legendRow(element, 'dormant')).to.deep.equal(['0', '0.0%']);
    expect(element.shadowRoot!.querySelector('.note')!.textContent).to.contain('4');
  });

  it('takes a phase_mix as the picture, fractions normalised and no counts shown', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetBaselineScene>('fleet-baseline-scene');
    cleanup = c;
    await publishAndSettle(bus, element, {
      type: 'phase_mix',
      mix: { clean: 0.1, infecting: 0.1, dormant: 0.3 },
      window_s: 60,
    });
    expect(bar(element)).to.deep.equal([
      ['clean', 20],
      ['infecting', 20],
      ['dormant', 60],
    ]);
    expect(legendRow(element, 'dormant')).to.deep.equal([undefined, '60.0%']);
    expect(element.shadowRoot!.querySelector('.note')!.textContent).to.contain(SCENE_TEXT.baseline.fromMix);
  });

  it('rolls the five-minute window by arrival time and ages out on an idle bus', async () => {
    const clock = { t: 1_000_000 };
    const { element, bus, cleanup: c } = await mountClocked(clock);
    cleanup = c;
    await publishAndSettle(bus, element, [phase('clean'), phase('clean'), phase('clean'), phase('clean')]);
    clock.t += 200_000;
    await publishAndSettle(bus, element, [
      phase('dormant'),
      phase('dormant'),
      phase('dormant'),
      phase('dormant'),
    ]);
    expect(bar(element)).to.deep.equal([
      ['clean', 50],
      ['dormant', 50],
    ]);

    // 310 s after the first events they have left the window; the later ones remain.
    clock.t += 110_000;
    await tick(element);
    expect(bar(element)).to.deep.equal([['dormant', 100]]);
    expect(legendRow(element, 'clean')).to.deep.equal(['0', '0.0%']);
    expect(legendRow(element, 'dormant')).to.deep.equal(['4', '100.0%']);

    // Idle past the window: the shares age out rather than freeze.
    clock.t += 300_000;
    await tick(element);
    expect(bar(element)).to.deep.equal([]);
    expect(element.shares!.source).to.equal('none');
    expect(element.shadowRoot!.querySelector('.note')!.textContent).to.equal(SCENE_TEXT.baseline.agedOut);
    expect(element.shadowRoot!.querySelector('[part=empty]')).to.equal(null);
  });

  it('renders a hostile phase label as text', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetBaselineScene>('fleet-baseline-scene');
    cleanup = c;
    const hostile = '<img src=x onerror=alert(1)>';
    await publishAndSettle(bus, element, [phase(hostile), phase('clean')]);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    const row = element.shadowRoot!.querySelector(`[part=legend] tr[data-phase="${CSS.escape(hostile)}"]`);
    expect(row).to.not.equal(null);
    expect(row!.querySelector('.name')!.textContent).to.equal(hostile);
    expect(row!.querySelector('.count')!.textContent).to.equal('1');
  });
});
