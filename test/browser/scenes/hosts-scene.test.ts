import { expect } from '@open-wc/testing';
import '../../../src/scenes/hosts/hosts-scene.js';
import type { FleetHostsScene } from '../../../src/scenes/hosts/hosts-scene.js';
import { FleetBus, mountScene, publishAndSettle, settle } from '../support/fixture-bus.js';

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

const host = (i: number, extra: Record<string, unknown> = {}) => ({
  host_id: `host-${String(i).padStart(3, '0')}`,
  online: true,
  phase: 'clean',
  profile: 'bursty-c2',
  episodes: 40 + i,
  last_seen: 4990,
  ...extra,
});

const snapshot = (hosts: unknown[]) => ({
  type: 'snapshot',
  t_wall: 5000,
  hosts,
  totals: { episodes: 0, windows: 0, samples: 0 },
});

/** Mounts the scene under a bus whose clock the test moves. */
function mountClocked(clock: { t: number }) {
  return mountScene<FleetHostsScene>('fleet-hosts-scene', { bus: new FleetBus({ now: () => clock.t }) });
}

const cards = (el: FleetHostsScene) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=card]')];

describe('<fleet-hosts-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('says "1 host" and "1 episode", not "1 hosts"', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetHostsScene>('fleet-hosts-scene');
    cleanup = c;
    await publishAndSettle(bus, element, snapshot([host(1, { episodes: 1 })]));
    const root = element.shadowRoot!;
    expect(squash(root.querySelector('header')!.textContent)).to.match(/\b1 host\b(?!s)/);
    expect(squash(cards(element)[0]!.textContent)).to.match(/\b1 episode\b(?!s)/);
    await publishAndSettle(bus, element, snapshot([host(1), host(2)]));
    expect(squash(root.querySelector('header')!.textContent)).to.contain('2 hosts');
  });

  it('names the events it waits for before the first one', async () => {
    const mounted = await mountScene<FleetHostsScene>('fleet-hosts-scene');
    cleanup = mounted.cleanup;
    const empty = mounted.element.shadowRoot!.querySelector('[part=empty]')!;
    expect(empty.textContent).to.contain('snapshot');
    expect(empty.textContent).to.contain('episode');
  });

  it('shows a card per host with its id, status, phase, profile, episodes and a ticking last seen', async () => {
    const clock = { t: 1_000 };
    const { element, bus, cleanup: c } = await mountClocked(clock);
    cleanup = c;
    await publishAndSettle(bus, element, [
      snapshot([
        host(10, { phase: 'infected_running', profile: 'slow-exfil', episodes: 1234 }),
        host(2, { online: false, phase: 'dormant', last_seen: 4700 }),
      ]),
    ]);
    const [first, second] = cards(element);
    expect(first!.dataset.host).to.equal('host-002');
    expect(second!.dataset.host).to.equal('host-010');
    expect(element.layout!.tier).to.equal('full');
    expect(squash(second!.querySelector('.status')!.textContent)).to.equal('online');
    expect(second!.querySelector('.swatch')!.getAttribute('data-phase')).to.equal('infected_running');
    expect(squash(second!.querySelector('.phase')!.textContent)).to.contain('infected running');
    expect(second!.querySelector('.profile')!.textContent).to.equal('slow-exfil');
    expect(squash(second!.querySelector('.episodes')!.textContent)).to.equal('1,234 episodes');
    // Producer clock: t_wall 5000, last_seen 4990 → 10 s before the snapshot.
    expect(second!.querySelector('.seen')!.textContent).to.equal('10 s ago');
    expect(first!.classList.contains('offline')).to.equal(true);
    expect(squash(first!.querySelector('.status')!.textContent)).to.equal('offline');
    expect(first!.querySelector('.seen')!.textContent).to.equal('5 min ago');

    // No new snapshot for 30 s: last seen keeps ticking.
    clock.t += 30_000;
    element.requestUpdate();
    await element.updateComplete;
    expect(cards(element)[1]!.querySelector('.seen')!.textContent).to.equal('40 s ago');
    const counts = squash(element.shadowRoot!.querySelector('.counts')!.textContent);
    expect(counts).to.equal('2 hosts 1 online 1 offline');
  });

  it('lists a host that only episodes name', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetHostsScene>('fleet-hosts-scene');
    cleanup = c;
    await publishAndSettle(bus, element, {
      type: 'episode',
      episode_id: 'e1',
      host_id: 'lab-7',
      profile: 'worm-scan',
      status: 'recording',
      phases: [{ phase: 'armed', start_s: 0, end_s: 10 }],
    });
    const [card] = cards(element);
    expect(card!.dataset.host).to.equal('lab-7');
    expect(card!.querySelector('.swatch')!.getAttribute('data-phase')).to.equal('armed');
    expect(card!.querySelector('.profile')!.textContent).to.equal('worm-scan');
  });

  it('renders hostile ids, phases and profiles as text', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetHostsScene>('fleet-hosts-scene');
    cleanup = c;
    const hostile = '<img src=x onerror=alert(1)>';
    await publishAndSettle(
      bus,
      element,
      snapshot([{ host_id: hostile, online: true, phase: hostile, profile: hostile }]),
    );
    const [card] = cards(element);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(card!.querySelector('.id')!.textContent).to.equal(hostile);
    expect(card!.querySelector('.profile')!.textContent).to.equal(hostile);
    expect(card!.querySelector('.swatch .label')!.textContent).to.equal(hostile);
  });

  it('fills the stage with 5 hosts, fits 100 cards, and past that shows the fleet in aggregate', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetHostsScene>('fleet-hosts-scene');
    cleanup = c;
    await publishAndSettle(bus, element, snapshot(Array.from({ length: 5 }, (_, i) => host(i + 1))));
    await settle(element);
    expect(element.layout!.tier).to.equal('full');
    const big = cards(element)[0]!.getBoundingClientRect();
    expect(big.width).to.be.at.least(380);
    expect(big.height).to.be.at.least(250);

    await publishAndSettle(bus, element, snapshot(Array.from({ length: 100 }, (_, i) => host(i + 1))));
    await settle(element);
    const box = element.shadowRoot!.querySelector<HTMLElement>('.box')!;
    expect(cards(element)).to.have.length(100);
    expect(element.getBoundingClientRect().height).to.equal(900);
    expect(box.scrollHeight).to.be.at.most(box.clientHeight + 1);
    // Every id stays readable: no card clips its id.
    for (const card of cards(element)) {
      const id = card.querySelector<HTMLElement>('.id')!;
      expect(id.scrollWidth, card.dataset.host).to.be.at.most(id.clientWidth + 1);
    }

    // 1,000 hosts: counts by phase and profile, a map of every host, offline first, inside the stage.
    await publishAndSettle(bus, element, snapshot(Array.from({ length: 1000 }, (_, i) => host(i + 1))));
    await settle(element);
    const root = element.shadowRoot!;
    expect(element.getBoundingClientRect().height).to.equal(900);
    expect(root.querySelector('[part=aggregate]')).to.exist;
    const phaseTotal = [...root.querySelectorAll('.counts-col section:first-child .n')].reduce(
      (sum, n) => sum + Number(n.textContent!.replace(/,/g, '')),
      0,
    );
    expect(phaseTotal).to.equal(1000);
    expect(root.querySelector('.map canvas')!.getAttribute('aria-label')).to.contain('1,000 hosts');
    const listed = [...root.querySelectorAll<HTMLElement>('.list li')];
    expect(listed.length).to.be.greaterThan(5);
    // Offline hosts come first.
    const offline = listed.filter((li) => li.classList.contains('offline')).length;
    expect(listed.slice(0, offline).every((li) => li.classList.contains('offline'))).to.equal(true);
    for (const li of listed)
      expect(li.getBoundingClientRect().bottom).to.be.at.most(element.getBoundingClientRect().bottom);
    expect(root.querySelector('.more')!.textContent).to.match(/^and [\d,]+ more$/);
  });

  it("shows a map square's whole summary on hover, inside the map at its top and at its foot", async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetHostsScene>('fleet-hosts-scene');
    cleanup = c;
    const hosts = Array.from({ length: 10_000 }, (_, i) =>
      host(i + 1, { host_id: `host-${String(i + 1).padStart(5, '0')}`, profile: 'dormant-beacon' }),
    );
    await publishAndSettle(bus, element, snapshot(hosts));
    await settle(element);
    const root = element.shadowRoot!;
    const canvas = root.querySelector<HTMLCanvasElement>('.map canvas')!;
    const map = root.querySelector<HTMLElement>('.map .area') ?? canvas.parentElement!;
    for (const [fx, fy] of [
      [0.98, 0.02],
      [0.98, 0.97],
    ] as const) {
      const box = canvas.getBoundingClientRect();
      canvas.dispatchEvent(
        new PointerEvent('pointermove', {
          bubbles: true,
          composed: true,
          clientX: box.left + box.width * fx,
          clientY: box.top + box.height * fy,
        }),
      );
      await settle(element);
      const tip = root.querySelector<HTMLElement>('.tip')!;
      // Cut to one line it read "… dormant-beacon · 41 episo…".
      expect(squash(tip.textContent)).to.match(/episodes · last seen/);
      expect(tip.scrollWidth).to.be.at.most(tip.clientWidth + 1);
      const t = tip.getBoundingClientRect();
      const area = map.getBoundingClientRect();
      expect(t.right, `tip at ${fx}, ${fy}`).to.be.at.most(area.right + 1);
      expect(t.bottom, `tip at ${fx}, ${fy}`).to.be.at.most(area.bottom + 1);
      expect(t.top, `tip at ${fx}, ${fy}`).to.be.at.least(area.top - 1);
    }
  });

  it('draws the map: each host a square in its phase colour, offline hollow and first, the filter dimming the rest', async () => {
    const mounted = await mountScene<FleetHostsScene>('fleet-hosts-scene');
    cleanup = mounted.cleanup;
    const { bus, element } = mounted;
    const hosts = Array.from({ length: 300 }, (_, i) =>
      host(i + 1, i >= 297 ? { online: false, phase: 'infected_running' } : {}),
    );
    await publishAndSettle(bus, element, snapshot(hosts));
    await settle(element);
    const canvas = element.shadowRoot!.querySelector<HTMLCanvasElement>('.map canvas')!;
    const dpr = globalThis.devicePixelRatio || 1;
    const pixel = (x: number, y: number) => [
      ...canvas.getContext('2d')!.getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data,
    ];
    // The first square is an offline host: a ring in its colour (#d64550), clear inside.
    expect(pixel(0.5, 0.5)).to.deep.equal([0xd6, 0x45, 0x50, 255]);
    const first = element.shadowRoot!.querySelector<HTMLElement>('.list li')!;
    expect(first.classList.contains('offline')).to.equal(true);
    // Find the square size from the first clean square's left edge on the first row.
    let x = 0;
    while (pixel(x, 0.5)[1] !== 0xb2 && x < 200) x++;
    const size = x / 3; // three offline squares come first
    expect(pixel(size / 2, size / 2)[3], 'inside the hollow square').to.equal(0);
    expect(pixel(x + 1, 1)).to.deep.equal([0x3f, 0xb2, 0x7f, 255]);
    // Filtered to one host, every other square is faint.
    const filter = element.shadowRoot!.querySelector<HTMLInputElement>('.filter')!;
    filter.value = 'host-298';
    filter.dispatchEvent(new Event('input'));
    await settle(element);
    expect(pixel(0.5, 0.5)[3]).to.equal(255);
    expect(pixel(x + 1, 1)[3]).to.be.lessThan(60);
  });
});
