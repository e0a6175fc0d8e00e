import { expect } from '@open-wc/testing';
import { REFERENCES, type Reference } from '../../../src/content/references.js';
import { displayUrl } from '../../../src/scenes/references/reference-layout.js';
import '../../../src/scenes/references/references-scene.js';
import type { FleetReferencesScene } from '../../../src/scenes/references/references-scene.js';
import { mountScene, settle } from '../support/fixture-bus.js';

const items = (scene: FleetReferencesScene) => [
  ...scene.shadowRoot!.querySelectorAll<HTMLElement>('[part=list] > li'),
];

/** Waits for the fit loop (one render per step) to come to rest. */
async function fitted(scene: FleetReferencesScene): Promise<void> {
  let last = '';
  for (let i = 0; i < 80 && JSON.stringify(scene.layout) !== last; i++) {
    last = JSON.stringify(scene.layout);
    await settle(scene, 2);
  }
}

describe('<fleet-references-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('numbers the references from content and shows each link as text', async () => {
    const { element, cleanup: c } = await mountScene<FleetReferencesScene>('fleet-references-scene');
    cleanup = c;
    await fitted(element);
    const list = items(element);
    expect(list).to.have.length(REFERENCES.length);
    list.forEach((li, i) => {
      const ref = REFERENCES[i]!;
      expect(li.querySelector('.n')!.textContent).to.equal(`[${i + 1}]`);
      expect(li.querySelector('.title')!.textContent).to.contain(ref.title);
      expect(li.textContent).to.contain(String(ref.year));
      expect(li.querySelector('.url')!.textContent).to.equal(displayUrl(ref.url));
    });
    expect(list[1]!.querySelector('.title')!.textContent).to.equal('Long Short-Term Memory.');
    expect(list[1]!.querySelector('.url')!.textContent).to.equal('doi.org/10.1162/neco.1997.9.8.1735');
  });

  it('fits the content list on the stage', async () => {
    const { element, cleanup: c } = await mountScene<FleetReferencesScene>('fleet-references-scene');
    cleanup = c;
    await fitted(element);
    const box = element.shadowRoot!.querySelector<HTMLElement>('.box')!;
    expect(box.scrollHeight).to.be.at.most(box.clientHeight + 1);
    expect(element.layout!.fontSize).to.be.at.least(14);
    expect(element.layout!.columns).to.equal(2);
  });

  it('fits a long list in more columns of smaller type', async () => {
    const { element, cleanup: c } = await mountScene<FleetReferencesScene>('fleet-references-scene');
    cleanup = c;
    // Twice the content's list, entries as long as its longer ones.
    const long: Reference[] = Array.from({ length: 42 }, (_, i) => ({
      authors: `A. Author${i}, B. Writer, C. Scholar`,
      title: `Recurrent Sequence Models for Malware Phase Detection, Part ${i}`,
      venue: 'IEEE Transactions on Information Forensics and Security',
      year: 2000 + (i % 25),
      url: `https://doi.org/10.1109/TIFS.2020.${1000 + i}`,
    }));
    element.references = long;
    await fitted(element);
    const box = element.shadowRoot!.querySelector<HTMLElement>('.box')!;
    expect(items(element)).to.have.length(42);
    const columns = Number(getComputedStyle(element.shadowRoot!.querySelector('[part=list]')!).columnCount);
    expect(columns).to.be.at.least(2);
    expect(box.scrollHeight).to.be.at.most(box.clientHeight + 1);
    expect(element.layout!.fontSize).to.be.below(14);
    expect(element.layout!.fontSize).to.be.at.least(11);
    expect(element.getBoundingClientRect().height).to.equal(900);
  });

  it('uses one column of large type for a short list', async () => {
    const { element, cleanup: c } = await mountScene<FleetReferencesScene>('fleet-references-scene');
    cleanup = c;
    element.references = REFERENCES.slice(0, 4);
    await fitted(element);
    expect(getComputedStyle(element.shadowRoot!.querySelector('[part=list]')!).columnCount).to.equal('1');
    expect(element.layout!.fontSize).to.equal(24);
  });

  it('keeps a non-web link as plain text', async () => {
    const { element, cleanup: c } = await mountScene<FleetReferencesScene>('fleet-references-scene');
    cleanup = c;
    element.references = [{ authors: 'X', title: 'Y', venue: 'Z', year: 2020, url: 'javascript:alert(1)' }];
    await fitted(element);
    expect(element.shadowRoot!.querySelector('a')).to.equal(null);
    expect(element.shadowRoot!.querySelector('.url')!.textContent).to.equal('javascript:alert(1)');
  });
});
