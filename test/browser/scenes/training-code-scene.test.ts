import { expect } from '@open-wc/testing';
import { type CodeListing, TRAINING_CODE } from '../../../src/content/training-code.js';
import { codeLines, resolveKeyLines } from '../../../src/scenes/training-code/listing.js';
import '../../../src/scenes/training-code/training-code-scene.js';
import type { FleetTrainingCodeScene } from '../../../src/scenes/training-code/training-code-scene.js';
import { mountScene, settle } from '../support/fixture-bus.js';

const lineItems = (scene: FleetTrainingCodeScene) => [
  ...scene.shadowRoot!.querySelectorAll<HTMLElement>('li.line'),
];

describe('<fleet-training-code-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('lists every line of the content with its line number', async () => {
    const { element, cleanup: c } = await mountScene<FleetTrainingCodeScene>('fleet-training-code-scene');
    cleanup = c;
    const lines = codeLines(TRAINING_CODE.code);
    const items = lineItems(element);
    expect(lines.length).to.be.greaterThan(30);
    expect(items).to.have.length(lines.length);
    items.forEach((item, i) => {
      expect(item.querySelector('.ln')!.textContent).to.equal(String(i + 1));
      expect(item.querySelector('code')!.textContent).to.equal(lines[i]);
    });
    expect(element.shadowRoot!.textContent).to.contain(TRAINING_CODE.file);
  });

  it('highlights Python tokens with the highlighter', async () => {
    const { element, cleanup: c } = await mountScene<FleetTrainingCodeScene>('fleet-training-code-scene');
    cleanup = c;
    const first = lineItems(element)[0]!;
    const keyword = first.querySelector('.hljs-keyword')!;
    expect(keyword.textContent).to.equal('import');
    const strings = [...element.shadowRoot!.querySelectorAll('.hljs-string')].map((s) => s.textContent);
    expect(strings).to.include('"cuda"');
    expect(element.shadowRoot!.querySelectorAll('.hljs-comment').length).to.be.greaterThan(2);
    // Keyword and plain text are drawn in different colours.
    const plain = getComputedStyle(first.querySelector('code')!).color;
    expect(getComputedStyle(keyword).color).not.to.equal(plain);
  });

  it('marks the key lines from content, numbered, with their notes', async () => {
    const { element, cleanup: c } = await mountScene<FleetTrainingCodeScene>('fleet-training-code-scene');
    cleanup = c;
    const keys = resolveKeyLines(TRAINING_CODE);
    expect(keys).to.have.length(TRAINING_CODE.keyLines.length);
    const marked = lineItems(element).filter((li) => li.classList.contains('key'));
    expect(marked.map((li) => Number(li.dataset.line))).to.deep.equal(keys.map((k) => k.line));
    marked.forEach((li, i) => {
      expect(li.querySelector('code')!.textContent).to.contain(keys[i]!.match);
      expect(li.querySelector('.badge')!.textContent).to.equal(String(i + 1));
    });
    const notes = [...element.shadowRoot!.querySelectorAll('[part=notes] li')];
    expect(notes.map((n) => n.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(
      keys.map((k) => `${k.ordinal} line ${k.line}${k.note}`),
    );
  });

  it('fits the whole listing on the stage in readable type', async () => {
    const { element, cleanup: c } = await mountScene<FleetTrainingCodeScene>('fleet-training-code-scene');
    cleanup = c;
    const fit = element.shadowRoot!.querySelector<HTMLElement>('.fit')!;
    const list = element.shadowRoot!.querySelector<HTMLElement>('ol.code')!;
    expect(list.getBoundingClientRect().height).to.be.at.most(fit.clientHeight + 1);
    expect(list.scrollWidth).to.be.at.most(fit.clientWidth + 1);
    expect(Number.parseFloat(getComputedStyle(list).fontSize)).to.be.at.least(14);
    const last = lineItems(element).at(-1)!.getBoundingClientRect();
    expect(last.bottom).to.be.at.most(element.getBoundingClientRect().bottom);
  });

  it('shows markup in the code as text, never as elements', async () => {
    const { element, cleanup: c } = await mountScene<FleetTrainingCodeScene>('fleet-training-code-scene');
    cleanup = c;
    const hostile: CodeListing = {
      file: 'x.py',
      language: 'python',
      code: 's = "<img src=x onerror=alert(1)>"  # <script>alert(2)</script>\nprint(s)\n',
      keyLines: [{ match: 'print(s)', note: '<b>bold?</b>' }],
    };
    element.listing = hostile;
    await settle(element);
    expect(element.shadowRoot!.querySelector('img, script, b')).to.equal(null);
    const items = lineItems(element);
    expect(items).to.have.length(2);
    expect(items[0]!.querySelector('code')!.textContent).to.equal(codeLines(hostile.code)[0]);
    expect(items[1]!.classList.contains('key')).to.equal(true);
    expect(element.shadowRoot!.querySelector('[part=notes]')!.textContent).to.contain('<b>bold?</b>');
  });
});
