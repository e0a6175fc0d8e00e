import { expect } from '@open-wc/testing';
import '../../../src/scenes/db/db-scene.js';
import type { FleetDbScene } from '../../../src/scenes/db/db-scene.js';
import { mountScene, publishAndSettle } from '../support/fixture-bus.js';

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

const snapshot = (extra: Record<string, unknown> = {}) => ({
  type: 'snapshot',
  hosts: [],
  totals: { episodes: 205, windows: 1230, samples: 738000, bytes: 52_000_000 },
  ...extra,
});

const complete = (i: number, extra: Record<string, unknown> = {}) => ({
  type: 'episode',
  episode_id: `ep-${String(i).padStart(4, '0')}`,
  host_id: `host-${i % 3}`,
  profile: 'ransom-burst',
  status: 'complete',
  duration_s: 60,
  windows: 6,
  samples: 600,
  phases: [
    { phase: 'clean', start_s: 0, end_s: 15 },
    { phase: 'infecting', start_s: 15, end_s: 60 },
  ],
  ...extra,
});

describe('<fleet-db-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('names the events it waits for before the first one', async () => {
    const mounted = await mountScene<FleetDbScene>('fleet-db-scene');
    cleanup = mounted.cleanup;
    const empty = mounted.element.shadowRoot!.querySelector('[part=empty]')!;
    for (const type of ['snapshot', 'episode', 'phase_mix']) expect(empty.textContent).to.contain(type);
  });

  it('shows the totals with a human-readable size', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetDbScene>('fleet-db-scene');
    cleanup = c;
    await publishAndSettle(bus, element, snapshot());
    const root = element.shadowRoot!;
    const value = (cls: string) => root.querySelector(`.tile.${cls} .value`)!.textContent;
    expect(value('episodes')).to.equal('205');
    expect(value('windows')).to.equal('1,230');
    expect(value('samples')).to.equal('738,000');
    expect(value('size')).to.equal('52.0 MB');
    await publishAndSettle(
      bus,
      element,
      snapshot({ totals: { episodes: 1, windows: 6, samples: 600, bytes: 3_400_000_000 } }),
    );
    expect(value('size')).to.equal('3.4 GB');
  });

  it("keeps a big fleet's totals whole and inside their tiles on the stage", async () => {
    // A 10,000-host fleet's totals after a while: the tiles had grown past their column, over the episode list.
    const {
      element,
      bus,
      cleanup: c,
    } = await mountScene<FleetDbScene>('fleet-db-scene', {
      width: 1280,
      height: 720,
    });
    cleanup = c;
    const totals = { episodes: 351_107, windows: 12_106_642, samples: 1_213_594_647, bytes: 15_400_000_000 };
    await publishAndSettle(bus, element, [snapshot({ totals }), complete(1)]);
    const root = element.shadowRoot!;
    expect(root.querySelector('.tile.samples .value')!.textContent).to.equal('1,213,594,647');
    const column = root.querySelector('.left')!.getBoundingClientRect();
    const list = root.querySelector('[part=episodes]')!.getBoundingClientRect();
    expect(column.right).to.be.at.most(list.left);
    for (const tile of root.querySelectorAll<HTMLElement>('.tile')) {
      const name = tile.className;
      expect(tile.getBoundingClientRect().right, name).to.be.at.most(column.right + 1);
      const value = tile.querySelector<HTMLElement>('.value')!;
      expect(value.scrollWidth, name).to.be.at.most(value.clientWidth + 1);
      expect(Number.parseFloat(getComputedStyle(value).fontSize), name).to.be.at.least(22);
    }
  });

  it('slides new episodes in, but not in a fleet whose episodes complete several times a second', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetDbScene>('fleet-db-scene');
    cleanup = c;
    const hosts = (n: number) => Array.from({ length: n }, (_, i) => ({ host_id: `h${i}`, online: true }));
    const animation = () =>
      getComputedStyle(element.shadowRoot!.querySelector('[part=episodes] li')!).animationName;
    await publishAndSettle(bus, element, [snapshot({ hosts: hosts(3) }), complete(1)]);
    expect(animation()).to.equal('arrive');
    // 10,000 hosts completed an episode every 6 ms: each slid in and none finished, the list stayed faded.
    await publishAndSettle(bus, element, [snapshot({ hosts: hosts(101) }), complete(2)]);
    expect(animation()).to.equal('none');
  });

  it('draws labelled windows per phase as one bar with counts and shares', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetDbScene>('fleet-db-scene');
    cleanup = c;
    await publishAndSettle(
      bus,
      element,
      snapshot({
        phase_counts: { clean: 300, armed: 100, infecting: 100, infected_running: 400, dormant: 100 },
      }),
    );
    expect(element.perPhase.source).to.equal('snapshot');
    const root = element.shadowRoot!;
    const shares = [...root.querySelectorAll<HTMLElement>('[part=per-phase] .seg')];
    expect(shares.map((s) => [s.dataset.phase, Number.parseFloat(s.style.width)])).to.deep.equal([
      ['clean', 30],
      ['armed', 10],
      ['infecting', 10],
      ['infected_running', 40],
      ['dormant', 10],
    ]);
    const row = root.querySelector('[part=per-phase] tr[data-phase=infected_running]')!;
    expect(row.querySelector('.count')!.textContent).to.equal('400');
    expect(row.querySelector('.pct')!.textContent).to.equal('40.0%');
  });

  it('falls back to a phase_mix when the snapshot has no per-phase counts', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetDbScene>('fleet-db-scene');
    cleanup = c;
    await publishAndSettle(bus, element, { type: 'phase_mix', mix: { clean: 0.25, dormant: 0.75 } });
    expect(element.perPhase.source).to.equal('phase_mix');
    const root = element.shadowRoot!;
    expect(root.querySelector('.tile.episodes')!.textContent).to.contain('snapshot');
    const shares = [...root.querySelectorAll<HTMLElement>('[part=per-phase] .seg')];
    expect(shares.map((s) => s.dataset.phase)).to.deep.equal(['clean', 'dormant']);
    expect(root.querySelector('tr[data-phase=dormant] .pct')!.textContent).to.equal('75.0%');
    // Fractions are not counts: no count column.
    expect(root.querySelector('[part=per-phase] .count')).to.equal(null);
  });

  it('lists the last ten stored episodes, newest first, each with its phase strip', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetDbScene>('fleet-db-scene');
    cleanup = c;
    for (let i = 1; i <= 12; i++) await publishAndSettle(bus, element, complete(i));
    const items = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part=episodes] li')];
    expect(items.map((i) => i.dataset.episode)).to.deep.equal(
      Array.from({ length: 10 }, (_, k) => `ep-${String(12 - k).padStart(4, '0')}`),
    );
    expect(squash(items[0]!.querySelector('.id')!.textContent)).to.equal('ep-0012host-0 · ransom-burst');
    expect(items[0]!.querySelector('.facts')!.textContent).to.equal('6 windows · 600 samples · just now');
    const segs = [...items[0]!.querySelectorAll<HTMLElement>('.seg')];
    expect(segs.map((s) => [s.dataset.phase, Number.parseFloat(s.style.width)])).to.deep.equal([
      ['clean', 25],
      ['infecting', 75],
    ]);
  });

  it('renders hostile ids, profiles and phase labels as text', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetDbScene>('fleet-db-scene');
    cleanup = c;
    const hostile = '<img src=x onerror=alert(1)>';
    await publishAndSettle(bus, element, [
      snapshot({ phase_counts: { [hostile]: 5 } }),
      complete(1, {
        episode_id: hostile,
        profile: hostile,
        phases: [{ phase: hostile, start_s: 0, end_s: 60 }],
      }),
    ]);
    const root = element.shadowRoot!;
    expect(root.querySelector('img')).to.equal(null);
    expect(root.querySelector('[part=episodes] li')!.textContent).to.contain(hostile);
    expect(root.querySelector('[part=per-phase] .share-legend')!.textContent).to.contain(hostile);
  });
});
