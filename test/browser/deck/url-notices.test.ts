import { expect } from '@open-wc/testing';
import { reportUrlNotices } from '../../../src/bus/url-options.js';
import { settle } from '../support/fixture-bus.js';
import { mountDeck } from '../support/mount-deck.js';

describe('URL parameters in the diagnostics overlay', () => {
  it('lists a clamped and an ignored parameter, a hostile value shown as text', async () => {
    const { deck, box } = await mountDeck(1280, 720);
    const warn = console.warn;
    console.warn = () => {};
    try {
      reportUrlNotices(
        new URLSearchParams('hosts=20000&rate=<img src=x onerror=alert(1)>'),
        deck.bus.diagnostics,
      );
    } finally {
      console.warn = warn;
    }
    await settle(deck);
    deck.dispatchEvent(new KeyboardEvent('keydown', { key: 'd', bubbles: true, composed: true }));
    await settle(deck, 2);
    const overlay = deck.shadowRoot!.querySelector('fleet-diagnostics-overlay')!;
    const notices = [...overlay.shadowRoot!.querySelectorAll('.setting')].map((n) => n.textContent);
    expect(notices).to.deep.equal([
      'hosts=20000 is outside 1–10000: 10000 is used',
      'rate=<img src=x onerror=alert… is not a number: the default is used',
    ]);
    expect(overlay.shadowRoot!.querySelector('img'), 'the value is text, not markup').to.equal(null);
    box.remove();
  });
});
