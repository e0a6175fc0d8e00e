import { expect } from '@open-wc/testing';
import { SCENES } from '../../../src/deck/scene-registry.js';
import '../../../src/deck/presenter/fleet-presenter.js';
import type { FleetPresenter } from '../../../src/deck/presenter/fleet-presenter.js';
import { settle } from '../support/fixture-bus.js';

const press = (key: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));

/** The presenter moves with the same shell as the deck: these would differ if it kept its own copy. */
describe('<fleet-presenter> navigation', () => {
  let presenter: FleetPresenter;
  const hash = location.hash;
  afterEach(() => {
    presenter.remove();
    history.replaceState(history.state, '', hash || location.pathname + location.search);
  });

  it('moves by keys and digits, clamps, announces, and says so with composed events', async () => {
    presenter = document.createElement('fleet-presenter');
    presenter.style.cssText = 'display:block;width:1200px;height:700px';
    const changes: { index: number; slug: string }[] = [];
    const themes: string[] = [];
    // Listened for above the document: the events must leave any shadow root.
    window.addEventListener('fleet-scene-change', (e) => changes.push((e as CustomEvent).detail));
    window.addEventListener('fleet-theme-change', (e) => themes.push((e as CustomEvent).detail.theme));
    document.body.append(presenter);
    await settle(presenter);
    press('ArrowRight');
    press('ArrowRight');
    await settle(presenter);
    expect(presenter.index).to.equal(2);
    expect(location.hash).to.equal(`#/${SCENES[2]!.slug}`);
    press('1');
    press('3');
    press('Enter');
    await settle(presenter);
    expect(presenter.index).to.equal(12);
    press('End');
    press('ArrowRight');
    await settle(presenter);
    expect(presenter.index).to.equal(SCENES.length - 1);
    expect(changes.map((c) => c.index)).to.deep.equal([1, 2, 12, SCENES.length - 1]);
    const live = presenter.shadowRoot!.querySelector('[aria-live=polite]')!;
    expect(live.textContent).to.equal(`Scene ${SCENES.length} of ${SCENES.length}: ${SCENES.at(-1)!.title}`);
    press('t');
    await settle(presenter);
    expect(presenter.getAttribute('theme')).to.equal('light');
    expect(themes).to.deep.equal(['light']);
    expect(live.textContent).to.equal('Light theme');
  });
});
