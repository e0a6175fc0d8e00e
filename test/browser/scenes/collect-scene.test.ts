import { expect } from '@open-wc/testing';
import { phaseColor } from '../../../src/contract/palette.js';
import '../../../src/scenes/collect/collect-scene.js';
import type { FleetCollectScene } from '../../../src/scenes/collect/collect-scene.js';
import { FleetBus, mountScene, publishAndSettle, settle } from '../support/fixture-bus.js';

type Span = { phase: string; start_s: number; end_s: number };

const episode = (id: string, host: string, status: 'recording' | 'complete', phases: Span[], extra = {}) => ({
  type: 'episode',
  episode_id: id,
  host_id: host,
  profile: 'bursty-c2',
  status,
  phases,
  ...extra,
});

const snapshot = (samples: number, t_wall: number, online = 2) => ({
  type: 'snapshot',
  t_wall,
  hosts: Array.from({ length: online }, (_, i) => ({ host_id: `h${i}`, online: true })),
  totals: { episodes: 10, windows: 60, samples },
  sample_hz: 10,
});

/** Mounts the scene under a bus whose clock the test moves. */
function mountClocked(clock: { t: number }) {
  return mountScene<FleetCollectScene>('fleet-collect-scene', { bus: new FleetBus({ now: () => clock.t }) });
}

const widthOf = (el: Element) => Number.parseFloat((el as HTMLElement).style.width);

describe('<fleet-collect-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('names the events it waits for before the first one', async () => {
    const mounted = await mountScene<FleetCollectScene>('fleet-collect-scene');
    cleanup = mounted.cleanup;
    const empty = mounted.element.shadowRoot!.querySelector('[part=empty]')!;
    expect(empty.textContent).to.contain('snapshot');
    expect(empty.textContent).to.contain('episode');
  });

  it('shows fleet samples per second from consecutive snapshots', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetCollectScene>('fleet-collect-scene');
    cleanup = c;
    // First snapshot: estimated from the per-host rate, 2 hosts × 10 Hz.
    await publishAndSettle(bus, element, snapshot(1000, 100));
    const rate = () => element.shadowRoot!.querySelector('[part=rate] .value')!.textContent;
    expect(rate()).to.equal('20.0');
    expect(element.shadowRoot!.querySelector('[part=rate]')!.textContent).to.contain('2 hosts × 10 Hz');
    // Then from the producer's clock: 3000 samples in 2 s.
    await publishAndSettle(bus, element, snapshot(4000, 102));
    expect(rate()).to.equal('1,500');
    await publishAndSettle(bus, element, snapshot(5000, 104, 1));
    expect(element.shadowRoot!.querySelector('[part=rate]')!.textContent).to.contain('(1 host × 10 Hz)');
  });

  it('draws each recording episode as labelled spans that grow, sorted by host', async () => {
    const clock = { t: 1_000_000 };
    const { element, bus, cleanup: c } = await mountClocked(clock);
    cleanup = c;
    await publishAndSettle(bus, element, [
      episode('e10', 'host-10', 'recording', [{ phase: 'clean', start_s: 0, end_s: 12 }]),
      episode('e2', 'host-2', 'recording', [
        { phase: 'clean', start_s: 0, end_s: 12 },
        { phase: 'armed', start_s: 12, end_s: 30 },
      ]),
    ]);
    const root = element.shadowRoot!;
    const rows = () => [...root.querySelectorAll<HTMLElement>('.row')];
    expect(rows().map((r) => r.dataset.host)).to.deep.equal(['host-2', 'host-10']);
    const segs = [...rows()[0]!.querySelectorAll<HTMLElement>('.seg:not(.tail)')];
    expect(segs.map((s) => s.dataset.phase)).to.deep.equal(['clean', 'armed']);
    // A 60-second axis: 12 s is 20 %, 18 s is 30 %.
    expect(widthOf(segs[0]!)).to.be.closeTo(20, 0.01);
    expect(widthOf(segs[1]!)).to.be.closeTo(30, 0.01);
    expect(segs[1]!.style.background).to.equal(hexToRgb(phaseColor('armed')));
    expect(segs[1]!.textContent).to.contain('armed');

    // Time passes with no update: the unlabelled tail grows from 30 s to 36 s.
    clock.t += 6000;
    element.requestUpdate();
    await element.updateComplete;
    const tail = rows()[0]!.querySelector<HTMLElement>('.seg.tail')!;
    expect(Number.parseFloat(tail.style.left)).to.be.closeTo(50, 0.01);
    expect(widthOf(tail)).to.be.closeTo(10, 0.01);

    // The next update labels more of the episode.
    await publishAndSettle(
      bus,
      element,
      episode('e2', 'host-2', 'recording', [
        { phase: 'clean', start_s: 0, end_s: 12 },
        { phase: 'armed', start_s: 12, end_s: 30 },
        { phase: 'infecting', start_s: 30, end_s: 42 },
      ]),
    );
    const grown = [...rows()[0]!.querySelectorAll<HTMLElement>('.seg:not(.tail)')];
    expect(grown.map((s) => s.dataset.phase)).to.deep.equal(['clean', 'armed', 'infecting']);
    expect(widthOf(grown[2]!)).to.be.closeTo(20, 0.01);
  });

  it('moves a completed episode from the rows to the ticker, newest first', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetCollectScene>('fleet-collect-scene');
    cleanup = c;
    const spans = [
      { phase: 'clean', start_s: 0, end_s: 30 },
      { phase: 'dormant', start_s: 30, end_s: 60 },
    ];
    await publishAndSettle(bus, element, [
      episode('ep-1', 'h1', 'recording', spans.slice(0, 1)),
      episode('ep-2', 'h2', 'recording', spans.slice(0, 1)),
    ]);
    await publishAndSettle(bus, element, episode('ep-1', 'h1', 'complete', spans, { duration_s: 60 }));
    await publishAndSettle(bus, element, episode('ep-2', 'h2', 'complete', spans, { duration_s: 60 }));
    const root = element.shadowRoot!;
    expect(root.querySelectorAll('.row').length).to.equal(0);
    const items = [...root.querySelectorAll<HTMLElement>('[part=ticker] li')];
    expect(items.map((i) => i.dataset.episode)).to.deep.equal(['ep-2', 'ep-1']);
    expect(items[0]!.querySelector('.who')!.textContent).to.equal('h2 · bursty-c2');
    expect(items[0]!.querySelector('.ago')!.textContent).to.equal('just now');
    const segs = [...items[0]!.querySelectorAll<HTMLElement>('.seg')];
    expect(segs.map((s) => [s.dataset.phase, widthOf(s)])).to.deep.equal([
      ['clean', 50],
      ['dormant', 50],
    ]);
  });

  it('renders hostile ids and profiles as text', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetCollectScene>('fleet-collect-scene');
    cleanup = c;
    const hostile = '<img src=x onerror=alert(1)>';
    await publishAndSettle(bus, element, [
      episode(hostile, hostile, 'recording', [{ phase: hostile, start_s: 0, end_s: 30 }], {
        profile: hostile,
      }),
      episode('done', 'h', 'complete', [], { profile: hostile }),
    ]);
    const root = element.shadowRoot!;
    expect(root.querySelector('img')).to.equal(null);
    expect(root.querySelector('.row .host')!.textContent).to.contain(hostile);
    expect(root.querySelector('.row .seg')!.textContent).to.contain(hostile);
    expect(root.querySelector('[part=ticker] .who')!.textContent).to.equal(`h · ${hostile}`);
  });

  it('shows the most recent of 200 recordings at a readable height, and how many more', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetCollectScene>('fleet-collect-scene');
    cleanup = c;
    const many = Array.from({ length: 200 }, (_, i) =>
      episode(`e${i}`, `host-${i}`, 'recording', [{ phase: 'clean', start_s: 0, end_s: 10 }]),
    );
    await publishAndSettle(bus, element, many);
    await settle(element);
    const root = element.shadowRoot!;
    expect(element.getBoundingClientRect().height).to.equal(900);
    const shown = root.querySelectorAll('.row').length;
    expect(shown).to.be.greaterThan(5);
    expect(shown).to.be.lessThan(200);
    const rows = root.querySelector<HTMLElement>('[part=rows]')!;
    expect(rows.scrollHeight).to.be.at.most(rows.clientHeight + 1);
    for (const row of root.querySelectorAll<HTMLElement>('.row'))
      expect(row.getBoundingClientRect().height).to.be.at.least(27);
    expect(root.querySelector('.more')!.textContent).to.contain(`and ${200 - shown} more recording`);
  });

  it('counts every host recording past the episode records the store holds, filtered too', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetCollectScene>('fleet-collect-scene');
    cleanup = c;
    // 600 hosts recording: more than the 512 episode records kept, so the first 88 records are gone.
    const many = Array.from({ length: 600 }, (_, i) =>
      episode(`e${i}`, `host-${i}`, 'recording', [{ phase: 'clean', start_s: 0, end_s: 10 }]),
    );
    await publishAndSettle(bus, element, many);
    await settle(element);
    const root = element.shadowRoot!;
    const shown = root.querySelectorAll('.row').length;
    expect(root.querySelector('.more')!.textContent).to.contain(
      `and ${600 - shown} more recording · 600 hosts`,
    );
    expect(root.querySelector('[part=rows]')!.getAttribute('aria-label')).to.contain('600 recording');

    // host-5, host-50…59 (records gone) and host-500…599: 111.
    const filter = root.querySelector<HTMLInputElement>('input.filter')!;
    filter.value = 'host-5';
    filter.dispatchEvent(new Event('input'));
    await settle(element);
    const matching = root.querySelectorAll('.row').length;
    expect(matching).to.be.greaterThan(0);
    expect(root.querySelector('.more')!.textContent).to.contain(`and ${111 - matching} more recording`);
  });
});

function hexToRgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
