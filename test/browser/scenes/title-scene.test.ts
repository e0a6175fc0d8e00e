import { expect } from '@open-wc/testing';
import { TITLE_TEXT } from '../../../src/content/deck-text.js';
import '../../../src/scenes/title/title-scene.js';
import type { FleetTitleScene } from '../../../src/scenes/title/title-scene.js';
import { mountScene, publishAndSettle, settle } from '../support/fixture-bus.js';

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

const snapshot = (online: boolean[], episodes: number) => ({
  type: 'snapshot',
  hosts: online.map((on, i) => ({ host_id: `host-${i + 1}`, online: on })),
  totals: { episodes, windows: episodes * 6, samples: episodes * 600 },
});

const detection = (i: number) => ({ type: 'live_detection', host_id: `h${i}`, predicted: 'clean' });

describe('<fleet-title-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('shows the title, subtitle and authors from content, and names the events the strip waits for', async () => {
    const mounted = await mountScene<FleetTitleScene>('fleet-title-scene');
    cleanup = mounted.cleanup;
    const root = mounted.element.shadowRoot!;
    expect(root.querySelector('h1')!.textContent).to.equal(TITLE_TEXT.title);
    expect(root.querySelector('.subtitle')!.textContent).to.equal(TITLE_TEXT.subtitle);
    const authors = [...root.querySelectorAll('.authors .name')].map((n) => n.textContent);
    expect(authors).to.deep.equal(TITLE_TEXT.authors.map((a) => a.name));
    const strip = squash(root.querySelector('[part=strip]')!.textContent);
    expect(strip).to.contain('waiting for snapshot');
    expect(strip).to.contain('waiting for live_detection');
    const waits = [...root.querySelectorAll('.waiting code')].map((n) => n.textContent);
    expect(waits).to.deep.equal(['snapshot', 'snapshot', 'live_detection']);
  });

  it('shrinks a figure that outgrows its card on the stage rather than cutting it', async () => {
    // The deck's stage size: "9,823 / 10,000" was cut to "9,823 / 10…" there.
    const {
      element,
      bus,
      cleanup: c,
    } = await mountScene<FleetTitleScene>('fleet-title-scene', {
      width: 1280,
      height: 720,
    });
    cleanup = c;
    const online = Array.from({ length: 10_000 }, (_, i) => i % 50 !== 0);
    await publishAndSettle(bus, element, [snapshot(online, 123_456_789), detection(1), detection(2)]);
    const root = element.shadowRoot!;
    const value = (card: string) => root.querySelector<HTMLElement>(`.${card} .value`)!;
    expect(squash(value('hosts').textContent)).to.equal('9,800 / 10,000');
    expect(value('episodes').textContent).to.equal('123,456,789');
    for (const card of ['hosts', 'episodes', 'detections']) {
      const v = value(card);
      expect(v.scrollWidth, card).to.be.at.most(v.clientWidth + 1);
      expect(Number.parseFloat(getComputedStyle(v).fontSize), card).to.be.at.least(22);
    }
    // A figure that fits keeps the full size; one that shrank grows back once it fits again.
    expect(getComputedStyle(value('detections')).fontSize).to.equal('46px');
    expect(Number.parseFloat(getComputedStyle(value('hosts')).fontSize)).to.be.below(46);
    await publishAndSettle(bus, element, snapshot([true, true], 7));
    expect(getComputedStyle(value('hosts')).fontSize).to.equal('46px');
  });

  it('fills the strip: hosts online, episodes stored, detections so far, the source', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetTitleScene>('fleet-title-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [
      snapshot([true, false, true], 1205),
      detection(1),
      detection(2),
      detection(3),
    ]);
    const root = element.shadowRoot!;
    expect(squash(root.querySelector('.hosts .value')!.textContent)).to.equal('2 / 3');
    expect(root.querySelector('.episodes .value')!.textContent).to.equal('1,205');
    expect(root.querySelector('.detections .value')!.textContent).to.equal('3');
    expect(root.querySelector('.source .value')!.textContent).to.equal('page');
    expect(squash(root.querySelector('.source .state')!.textContent)).to.equal('live');

    bus.source = { kind: 'ws', label: 'wss://fleet.example/bus', state: 'retrying', detail: 'in 3 s' };
    await settle(element);
    expect(root.querySelector('.source .value')!.textContent).to.equal('wss://fleet.example/bus');
    expect(squash(root.querySelector('.source .state')!.textContent)).to.equal('retrying in 3 s');
    expect(root.querySelector('.source .dot')!.classList.contains('retrying')).to.equal(true);

    await publishAndSettle(bus, element, [snapshot([true, true, true, true], 1206), detection(4)]);
    expect(squash(root.querySelector('.hosts .value')!.textContent)).to.equal('4 / 4');
    expect(root.querySelector('.episodes .value')!.textContent).to.equal('1,206');
    expect(root.querySelector('.detections .value')!.textContent).to.equal('4');
  });

  it('renders a hostile source label as text', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetTitleScene>('fleet-title-scene');
    cleanup = c;
    const hostile = '<img src=x onerror=alert(1)>';
    bus.source = { kind: 'ws', label: hostile, state: 'live' };
    await settle(element);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(element.shadowRoot!.querySelector('.source .value')!.textContent).to.equal(hostile);
  });
});
