import { expect } from '@open-wc/testing';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import '../../../src/deck/fleet-deck.js';
import type { FleetDeck } from '../../../src/deck/fleet-deck.js';
import { SCENES } from '../../../src/deck/scene-registry.js';
import { settle } from '../support/fixture-bus.js';

const RLO = '\u202e';
/**
 * Where `text` holds a format character or a control character other than the
 * whitespace templates are written with (-1 when it holds none).
 */
function hiddenAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || /\p{Cf}/u.test(text[i]!)) return i;
  }
  return -1;
}

/** Every text node under `root`, through shadow roots (what a reader sees), and every title. */
function visibleText(root: Node): string {
  let out = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) out += node.textContent;
    if (node instanceof Element) {
      if (node.tagName === 'STYLE' || node.tagName === 'SCRIPT') return;
      const title = node.getAttribute('title');
      if (title) out += ` ${title}`;
      const label = node.getAttribute('aria-label');
      if (label) out += ` ${label}`;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return out;
}

describe('display safety', () => {
  it('shows a right-to-left override visibly in every scene, the badge and the overlay', async function () {
    this.timeout(90_000);
    const box = document.createElement('div');
    box.style.cssText = 'width:1600px;height:900px;position:relative';
    const deck = document.createElement('fleet-deck') as FleetDeck;
    deck.noHash = true;
    const bus = new FleetBus();
    deck.bus = bus;
    box.append(deck);
    document.body.append(box);
    const host = `${RLO}10-tsoh`;
    const profile = `apt${RLO}x`;
    const model = `gru${RLO}`;
    const episode = `ep${RLO}1`;
    bus.source = { kind: 'ws', label: `bus${RLO}.example`, state: 'stopped', detail: `closed: ${RLO}why` };
    bus.publish([
      {
        type: 'snapshot',
        hosts: [{ host_id: host, online: true, profile }],
        totals: { episodes: 1, windows: 1, samples: 1 },
      },
      { type: 'episode', episode_id: episode, host_id: host, profile, status: 'recording', elapsed_s: 5 },
      { type: 'attack_profile', name: profile, curve: [1, 2, 3], shape: `rise${RLO}` },
      { type: 'model_metric', model, accuracy: 0.9 },
      { type: 'model_perf', model, latency_us: 10, accuracy: 0.9 },
      { type: 'prediction', episode_id: episode, window_idx: 0, predicted: 'armed', actual: 'armed' },
      { type: 'embedding', x: 0.1, y: 0.2, z: 0.3, phase: 'armed', profile },
      {
        type: 'live_detection',
        host_id: host,
        predicted: 'armed',
        model,
        profile,
        episode_id: episode,
        window_idx: 0,
      },
      { type: `mystery${RLO}` },
    ]);
    await settle(deck);
    for (let i = 0; i < SCENES.length; i++) {
      deck.go(i);
      await SCENES[i]!.load();
      await settle(deck, 3);
      const text = visibleText(deck.shadowRoot!);
      const at = hiddenAt(text);
      const near = JSON.stringify(text.slice(Math.max(0, at - 60), at + 10));
      expect(at, `scene ${SCENES[i]!.slug} shows a raw format character: ${near}`).to.equal(-1);
    }
    deck.go(SCENES.findIndex((s) => s.slug === 'live'));
    await settle(deck, 3);
    expect(visibleText(deck.shadowRoot!)).to.contain('⟨U+202E⟩10-tsoh');
    // The overlay (d) lists the unknown type and the source.
    deck.dispatchEvent(new KeyboardEvent('keydown', { key: 'd', bubbles: true, composed: true }));
    await settle(deck, 2);
    const overlay = deck.shadowRoot!.querySelector('fleet-diagnostics-overlay');
    expect(overlay, 'the overlay opens with d').to.not.equal(null);
    const overlayText = visibleText(overlay!);
    expect(overlayText).to.contain('mystery⟨U+202E⟩');
    expect(hiddenAt(visibleText(deck.shadowRoot!))).to.equal(-1);
    const badge = deck.shadowRoot!.querySelector('.chrome.source')!.textContent!;
    expect(badge).to.contain('bus⟨U+202E⟩.example');
    box.remove();
  });
});
