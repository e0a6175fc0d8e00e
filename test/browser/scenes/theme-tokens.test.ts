import { expect } from '@open-wc/testing';
import '../../../src/scenes/references/references-scene.js';
import { THEMES } from '../../../src/scenes/shared/theme-tokens.js';

/** `#rrggbb` as getComputedStyle writes it. */
const rgb = (hex: string) =>
  `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

describe('theme token defaults', () => {
  let box: HTMLElement;
  afterEach(() => box.remove());

  it('draw a scene alone in a page in the dark theme, from the table', async () => {
    box = document.createElement('div');
    const scene = document.createElement('fleet-references-scene');
    box.append(scene);
    document.body.append(box);
    await scene.updateComplete;
    const style = getComputedStyle(scene);
    expect(style.backgroundColor).to.equal(rgb(THEMES.dark['--fleet-bg']));
    expect(style.color).to.equal(rgb(THEMES.dark['--fleet-fg']));
  });

  it('give way to values inherited from the page', async () => {
    box = document.createElement('div');
    for (const [name, value] of Object.entries(THEMES.light)) box.style.setProperty(name, value);
    const scene = document.createElement('fleet-references-scene');
    box.append(scene);
    document.body.append(box);
    await scene.updateComplete;
    expect(getComputedStyle(scene).backgroundColor).to.equal(rgb(THEMES.light['--fleet-bg']));
  });
});
