import { expect } from '@open-wc/testing';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import '../../../src/deck/fleet-deck.js';
import type { FleetDeck } from '../../../src/deck/fleet-deck.js';
import { SCENES } from '../../../src/deck/scene-registry.js';
import type { FleetSimControls } from '../../../src/deck/sim-controls.js';
import { settle } from '../support/fixture-bus.js';
import { mountDeck } from '../support/mount-deck.js';

const press = (deck: FleetDeck, key: string, init: KeyboardEventInit = {}) =>
  deck.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, ...init }));

const slug = (deck: FleetDeck) => deck.shadowRoot!.querySelector<HTMLElement>('.scene')!.dataset.slug;

describe('<fleet-deck>', () => {
  let box: HTMLElement | undefined;
  afterEach(() => box?.remove());

  it('scales the 1600×900 stage to fit its box, letterboxed', async () => {
    const mounted = await mountDeck(800, 600);
    box = mounted.box;
    const stage = mounted.deck.shadowRoot!.querySelector<HTMLElement>('.stage')!;
    const rect = stage.getBoundingClientRect();
    expect(rect.width).to.be.closeTo(800, 1);
    expect(rect.height).to.be.closeTo(450, 1);
    expect(rect.top - mounted.box.getBoundingClientRect().top).to.be.closeTo(75, 1);
  });

  it('moves with keys when focused: next, previous, Home, End, number + Enter', async () => {
    const mounted = await mountDeck();
    box = mounted.box;
    const { deck } = mounted;
    expect(slug(deck)).to.equal('title');
    press(deck, 'ArrowRight');
    press(deck, ' ');
    press(deck, 'PageDown');
    await settle(deck);
    expect(slug(deck)).to.equal('hosts');
    press(deck, ' ', { shiftKey: true });
    press(deck, 'ArrowUp');
    await settle(deck);
    expect(slug(deck)).to.equal('stack');
    press(deck, 'End');
    await settle(deck);
    expect(slug(deck)).to.equal('references');
    press(deck, 'Home');
    press(deck, '1');
    press(deck, '3');
    press(deck, 'Enter');
    await settle(deck);
    expect(slug(deck)).to.equal('live');
    expect(deck.shadowRoot!.querySelector('[aria-live=polite]')!.textContent).to.contain('Scene 13 of 14');
  });

  it('opens the overview and jumps from it', async () => {
    const mounted = await mountDeck();
    box = mounted.box;
    const { deck } = mounted;
    press(deck, 'o');
    await settle(deck);
    const buttons = deck.shadowRoot!.querySelectorAll<HTMLButtonElement>('.overview button');
    expect(buttons).to.have.length(SCENES.length);
    buttons[5]!.click();
    await settle(deck);
    expect(deck.shadowRoot!.querySelector('.overview')).to.equal(null);
    expect(slug(deck)).to.equal('baseline');
  });

  it('shows help and diagnostics overlays on ? and d', async () => {
    const mounted = await mountDeck();
    box = mounted.box;
    const { deck } = mounted;
    press(deck, '?');
    press(deck, 'd');
    await settle(deck);
    expect(deck.shadowRoot!.querySelector('.help')!.textContent).to.contain('fullscreen');
    const overlay = deck.shadowRoot!.querySelector('fleet-diagnostics-overlay')!;
    deck.bus.publish([{ type: 'phase', phase: 'clean' }, { type: 'phase' }]);
    overlay.requestUpdate();
    await settle(overlay);
    expect(overlay.shadowRoot!.textContent).to.contain('Rejected 1');
    expect(overlay.shadowRoot!.textContent).to.contain('expected string, got absent');
  });

  it('opens simulator controls on s, which write the settings into the URL', async () => {
    const mounted = await mountDeck();
    box = mounted.box;
    const { deck } = mounted;
    press(deck, 's');
    await settle(deck);
    const controls = deck.shadowRoot!.querySelector('fleet-sim-controls') as FleetSimControls;
    expect(controls).to.not.equal(null);
    let assigned = '';
    controls.location = {
      search: '?seed=3&ws=x',
      hash: '#/live',
      assign: (url: string | URL) => (assigned = String(url)),
    };
    await settle(controls);
    const form = controls.shadowRoot!.querySelector('form')!;
    form.querySelector<HTMLInputElement>('input[name=hosts]')!.value = '64';
    form.requestSubmit();
    const params = new URLSearchParams(assigned.split('#')[0]);
    expect(params.get('hosts')).to.equal('64');
    expect(params.get('seed')).to.equal('3');
    expect(params.get('sim')).to.equal('1');
    expect(assigned.endsWith('#/live')).to.equal(true);
  });

  it('ignores keys typed into a form field inside the deck', async () => {
    const mounted = await mountDeck();
    box = mounted.box;
    const { deck } = mounted;
    press(deck, 's');
    await settle(deck);
    const input = deck.shadowRoot!.querySelector('fleet-sim-controls')!.shadowRoot!.querySelector('input')!;
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await settle(deck);
    expect(slug(deck)).to.equal('title');
  });
});

describe('<fleet-deck> inside <fleet-bus>', () => {
  it('reads the surrounding bus unless one is set', async () => {
    await import('../../../src/bus/fleet-bus-element.js');
    const provider = document.createElement('fleet-bus');
    const deck = document.createElement('fleet-deck');
    deck.noHash = true;
    provider.append(deck);
    document.body.append(provider);
    await settle(deck);
    expect(deck.bus).to.equal(provider.bus);
    const own = new FleetBus();
    const second = document.createElement('fleet-deck');
    second.noHash = true;
    second.bus = own;
    provider.append(second);
    await settle(second);
    expect(second.bus).to.equal(own);
    provider.remove();
  });
});

describe('<fleet-deck> presenter key when embedded', () => {
  let box: HTMLElement | undefined;
  const realOpen = window.open;
  afterEach(() => {
    window.open = realOpen;
    box?.remove();
  });

  it('does not open the embedding page as a presenter; opens presenter-href when given', async () => {
    const opened: string[] = [];
    window.open = ((url?: string | URL) => {
      opened.push(String(url));
      return null;
    }) as typeof window.open;
    const mounted = await mountDeck();
    box = mounted.box;
    const { deck } = mounted;
    press(deck, 'p');
    await settle(deck);
    expect(opened).to.deep.equal([]);
    expect(deck.shadowRoot!.querySelector('.presenter-link')!.textContent).to.contain('presenter-href');

    deck.presenterHref = '/site/index.html?seed=4';
    press(deck, 'p');
    await settle(deck);
    expect(opened.length).to.be.greaterThan(0);
    const url = new URL(opened[0]!);
    expect(url.pathname).to.equal('/site/index.html');
    expect(url.searchParams.has('presenter')).to.equal(true);
    // Pop-ups refused: the fallback link points at the same page.
    const link = deck.shadowRoot!.querySelector<HTMLAnchorElement>('.presenter-link a')!;
    expect(new URL(link.href).pathname).to.equal('/site/index.html');
  });

  it('moves its scenes to a bus given after mount (deck.bus = other)', async () => {
    const mounted = await mountDeck();
    box = mounted.box;
    const { deck } = mounted;
    const snapshot = (host: string) => ({
      type: 'snapshot',
      hosts: [{ host_id: host, online: true }],
      totals: { episodes: 1, windows: 1, samples: 1 },
    });
    deck.bus.publish(snapshot('alpha-host'));
    deck.go(SCENES.findIndex((s) => s.slug === 'hosts'));
    await settle(deck, 4);
    const sceneText = () => deck.shadowRoot!.querySelector('.scene')!.shadowRoot!.textContent!;
    expect(sceneText()).to.contain('alpha-host');
    const other = new FleetBus();
    other.publish(snapshot('beta-host'));
    deck.bus = other;
    await settle(deck, 4);
    expect(sceneText()).to.contain('beta-host');
    expect(sceneText()).not.to.contain('alpha-host');
    // It listens to the new bus, not the old one.
    other.publish(snapshot('gamma-host'));
    await settle(deck, 4);
    expect(sceneText()).to.contain('gamma-host');
  });
});
