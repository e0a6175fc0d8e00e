import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/scenes/collect/collect-scene.js';
import '../../../src/scenes/hosts/hosts-scene.js';
import '../../../src/scenes/live/live-scene.js';
import { PHASES } from '../../../src/contract/vocabulary.js';
import { mountScene, publishAndSettle, settle } from '../support/fixture-bus.js';

/**
 * The three scenes that list hosts, at 10, 200, 2,000 and 10,000 hosts: the
 * text alternative states the host count, a named host can be found (with
 * the filter where the fleet outgrows the view) and focused with the
 * keyboard, and the labels in view are at least 12 px.
 */

const PROFILES = ['bursty-c2', 'slow-exfil', 'ransom-burst', 'cryptominer', 'dormant-beacon', 'worm-scan'];
const T = 1_780_000_000;
const id = (i: number, n: number) => `host-${String(i + 1).padStart(Math.max(2, String(n).length), '0')}`;
const grouped = (n: number) => n.toLocaleString('en');

function fleetEvents(n: number): unknown[] {
  const hosts = Array.from({ length: n }, (_, i) => ({
    host_id: id(i, n),
    online: i % 50 !== 7,
    phase: PHASES[i % 5],
    profile: PROFILES[i % 6],
    episodes: 20 + (i % 9),
    last_seen: T - (i % 5),
  }));
  const events: unknown[] = [
    {
      type: 'snapshot',
      t_wall: T,
      hosts,
      totals: { episodes: n * 20, windows: n * 120, samples: n * 12000 },
      sample_hz: 10,
    },
  ];
  for (let i = 0; i < n; i++) {
    const phase = PHASES[i % 5]!;
    events.push({
      type: 'live_detection',
      host_id: id(i, n),
      predicted: phase,
      actual: i % 7 === 0 ? PHASES[(i + 1) % 5] : phase,
      confidence: 0.9,
      model: 'lstm',
      profile: PROFILES[i % 6],
      episode_id: `ep-${i}`,
      window_idx: 0,
    });
  }
  // The episode store keeps 512: the last hosts' recordings are the ones it holds.
  for (let i = Math.max(0, n - 400); i < n; i++) {
    events.push({
      type: 'episode',
      episode_id: `ep-${i}`,
      host_id: id(i, n),
      profile: PROFILES[i % 6]!,
      status: 'recording',
      started: T - 20,
      windows: 2,
      phases: [{ phase: 'clean', start_s: 0, end_s: 20 }],
    });
  }
  return events;
}

async function typeFilter(root: ShadowRoot, text: string, element: HTMLElement): Promise<void> {
  const input = root.querySelector<HTMLInputElement>('input.filter')!;
  input.focus();
  await sendKeys({ type: text });
  await settle(element, 3);
}

const fontPx = (el: Element) => Number.parseFloat(getComputedStyle(el).fontSize);

for (const n of [10, 200, 2000, 10_000]) {
  describe(`${grouped(n)} hosts`, function () {
    // Typing a filter over 10,000 hosts on a shared two-core machine takes seconds, not milliseconds.
    this.timeout(60_000);
    let cleanup = () => {};
    afterEach(() => cleanup());
    // The host to find: the last one, far down any list.
    const target = id(n - 1, n);

    it('live: says how many hosts, finds and focuses a named host, labels ≥ 12 px', async () => {
      const {
        element,
        bus,
        cleanup: c,
      } = await mountScene<HTMLElementTagNameMap['fleet-live-scene']>('fleet-live-scene');
      cleanup = c;
      await publishAndSettle(bus, element, fleetEvents(n));
      const root = element.shadowRoot!;
      const alt = root.querySelector('canvas[role=img]')!.getAttribute('aria-label')!;
      expect(alt).to.contain(`${grouped(n)} hosts`);
      if (n <= 36) {
        const label = [...root.querySelectorAll<HTMLElement>('.host')].find((l) => l.textContent === target)!;
        label.focus();
        expect(root.activeElement).to.equal(label);
        for (const l of root.querySelectorAll('.host')) expect(fontPx(l)).to.be.at.least(12);
        return;
      }
      await typeFilter(root, target, element);
      expect(root.querySelector('.count')!.textContent).to.contain(`1 of ${grouped(n)} hosts match`);
      root.querySelector<HTMLElement>('.focus-list')!.focus();
      await sendKeys({ press: 'Home' });
      await settle(element);
      expect(root.activeElement).to.equal(root.querySelector('.focus-list'));
      expect(root.querySelector('.option[aria-selected=true]')!.textContent).to.equal(target);
      expect(root.querySelector('.detail .full-id')!.textContent).to.equal(target);
      // One window, its confidence named as such: it read "90%" alone, and "1 windows in the lane".
      const detail = root.querySelector('.detail')!.textContent!.replace(/\s+/g, ' ');
      expect(detail).to.contain('90% confident');
      expect(detail).to.contain(' 1 window in the lane · 0 disagree · 0 waiting for truth');
      for (const l of root.querySelectorAll('.option')) expect(fontPx(l)).to.be.at.least(12);
      // Cleared, the keyboard walks the whole fleet, trouble first.
      await typeFilter(root, '', element);
      const input = root.querySelector<HTMLInputElement>('input.filter')!;
      input.value = '';
      input.dispatchEvent(new Event('input'));
      await settle(element);
      root.querySelector<HTMLElement>('.focus-list')!.focus();
      await sendKeys({ press: 'End' });
      await settle(element);
      const rows = element.fleetRows!;
      expect(rows.hosts).to.have.length(n);
      expect(root.querySelector('.option[aria-selected=true]')!.textContent).to.equal(rows.hosts[n - 1]);
    });

    it('hosts: says how many hosts, finds and focuses a named host, labels ≥ 12 px', async () => {
      const {
        element,
        bus,
        cleanup: c,
      } = await mountScene<HTMLElementTagNameMap['fleet-hosts-scene']>('fleet-hosts-scene');
      cleanup = c;
      await publishAndSettle(bus, element, fleetEvents(n));
      const root = element.shadowRoot!;
      expect(root.querySelector('[role=status]')!.textContent!.replace(/\s+/g, ' ')).to.contain(
        `${grouped(n)} hosts`,
      );
      if (n > 100) {
        expect(root.querySelector('canvas[role=img]')!.getAttribute('aria-label')).to.contain(
          `${grouped(n)} hosts`,
        );
        await typeFilter(root, target, element);
      }
      const item = root.querySelector<HTMLElement>(`[data-host="${target}"]`)!;
      expect(item, 'the named host is listed').to.exist;
      item.focus();
      expect(root.activeElement).to.equal(item);
      for (const l of root.querySelectorAll('[data-host] .id')) expect(fontPx(l)).to.be.at.least(12);
      for (const l of root.querySelectorAll('.bars li')) expect(fontPx(l)).to.be.at.least(12);
    });

    it('collect: says how many hosts, finds and focuses a named host, labels ≥ 12 px', async () => {
      const {
        element,
        bus,
        cleanup: c,
      } = await mountScene<HTMLElementTagNameMap['fleet-collect-scene']>('fleet-collect-scene');
      cleanup = c;
      await publishAndSettle(bus, element, fleetEvents(n));
      const root = element.shadowRoot!;
      const region = root.querySelector('[part=rows]')!.getAttribute('aria-label') ?? '';
      if (root.querySelector('input.filter')) {
        expect(region).to.contain(`${grouped(n)} hosts`);
        await typeFilter(root, target, element);
      } else {
        let online = 0;
        for (let i = 0; i < n; i++) if (i % 50 !== 7) online++;
        expect(root.querySelector('[part=rate]')!.textContent!.replace(/\s+/g, ' ')).to.contain(
          `${grouped(online)} hosts`,
        );
      }
      const row = root.querySelector<HTMLElement>(`.row[data-host="${target}"]`)!;
      expect(row, 'the named host is listed').to.exist;
      row.focus();
      expect(root.activeElement).to.equal(row);
      for (const l of root.querySelectorAll('.row .host')) expect(fontPx(l)).to.be.at.least(12);
    });
  });
}
