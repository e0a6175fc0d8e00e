import { expect } from '@open-wc/testing';
import { STACK_STAGES, STACK_TEXT } from '../../../src/content/deck-text.js';
import { modelColor, phaseColor } from '../../../src/contract/palette.js';
import { MODELS, PHASES } from '../../../src/contract/vocabulary.js';
import '../../../src/scenes/stack/stack-scene.js';
import type { FleetStackScene } from '../../../src/scenes/stack/stack-scene.js';
import { mountScene, settle } from '../support/fixture-bus.js';

describe('<fleet-stack-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('draws the pipeline from content without waiting for any event', async () => {
    const mounted = await mountScene<FleetStackScene>('fleet-stack-scene');
    cleanup = mounted.cleanup;
    const root = mounted.element.shadowRoot!;
    expect(root.querySelector('[part=empty]')).to.equal(null);
    const stages = [...root.querySelectorAll<SVGGElement>('g.node')].map((g) => g.dataset.stage);
    expect(stages).to.deep.equal([...STACK_STAGES]);
    const titles = [...root.querySelectorAll('.node-title')].map((t) => t.textContent);
    expect(titles).to.deep.equal(STACK_STAGES.map((s) => STACK_TEXT.nodes[s].title));
    // One arrow from each stage to the next, labelled with what flows along it.
    const arrows = [...root.querySelectorAll<SVGGElement>('g.arrow')];
    expect(arrows.map((a) => `${a.dataset.from}>${a.dataset.to}`)).to.deep.equal(
      STACK_STAGES.slice(0, -1).map((s, i) => `${s}>${STACK_STAGES[i + 1]}`),
    );
    const label = [...arrows[2]!.querySelectorAll('text')].map((t) => t.textContent).join(' ');
    expect(label).to.equal(STACK_TEXT.flows.store);
    // Training lists the five models in their palette colours.
    const chips = [...root.querySelectorAll<SVGGElement>('.node.training g.chip')];
    expect(chips.map((c) => c.dataset.model)).to.deep.equal([...MODELS]);
    expect(chips.map((c) => c.querySelector('rect')!.getAttribute('fill'))).to.deep.equal(
      MODELS.map((m) => modelColor(m)),
    );
    const legend = [...root.querySelectorAll<SVGGElement>('.phase-legend g[data-phase]')];
    expect(legend.map((g) => g.querySelector('rect')!.getAttribute('fill'))).to.deep.equal(
      PHASES.map((p) => phaseColor(p)),
    );
  });

  it('keeps every line inside its box at the stage size', async () => {
    const mounted = await mountScene<FleetStackScene>('fleet-stack-scene');
    cleanup = mounted.cleanup;
    const root = mounted.element.shadowRoot!;
    const svg = root.querySelector('svg')!;
    expect(svg.getBoundingClientRect().width).to.be.greaterThan(1400);
    for (const box of root.querySelectorAll<SVGGElement>('g.node')) {
      const rect = box.querySelector<SVGRectElement>('rect.box')!.getBBox();
      for (const text of box.querySelectorAll<SVGTextElement>('text')) {
        const bb = text.getBBox();
        expect(bb.x, text.textContent!).to.be.at.least(rect.x);
        expect(bb.x + bb.width, text.textContent!).to.be.at.most(rect.x + rect.width + 0.5);
        expect(bb.y + bb.height, text.textContent!).to.be.at.most(rect.y + rect.height);
      }
    }
  });

  it('keeps each flow label between two boxes clear of both', async () => {
    const mounted = await mountScene<FleetStackScene>('fleet-stack-scene');
    cleanup = mounted.cleanup;
    const root = mounted.element.shadowRoot!;
    const boxes = [...root.querySelectorAll<SVGRectElement>('g.node rect.box')].map((r) => r.getBBox());
    let between = 0;
    for (const text of root.querySelectorAll<SVGTextElement>('text.flow-label')) {
      const label = text.getBBox();
      const mid = label.y + label.height / 2;
      // The boxes level with the label, left and right of it.
      const level = boxes.filter((b) => mid > b.y && mid < b.y + b.height);
      const left = level.filter((b) => b.x + b.width <= label.x + label.width / 2);
      const right = level.filter((b) => b.x >= label.x + label.width / 2);
      if (left.length === 0 || right.length === 0) continue;
      between++;
      const name = text.textContent!;
      expect(label.x, name).to.be.at.least(Math.max(...left.map((b) => b.x + b.width)) + 4);
      expect(label.x + label.width, name).to.be.at.most(Math.min(...right.map((b) => b.x)) - 4);
    }
    expect(between).to.be.at.least(5);
  });

  it('names the live source in the bus box, condensing a long one, and shows a hostile one as text', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetStackScene>('fleet-stack-scene');
    cleanup = c;
    const line = () => element.shadowRoot!.querySelector<SVGTextElement>('.source-line')!;
    expect(line().querySelector('title')!.textContent).to.equal(`${STACK_TEXT.sourcePrefix} page`);

    const hostile = '<img src=x onerror=alert(1)>';
    bus.source = { kind: 'ws', label: hostile, state: 'live' };
    await settle(element);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(line().querySelector('title')!.textContent).to.equal(`${STACK_TEXT.sourcePrefix} ${hostile}`);
    // Cut to fit with an ellipsis, and condensed if still wider than the box.
    expect(line().textContent).to.contain('…');
    const max = Number(line().dataset.fit);
    expect(line().getBBox().width).to.be.at.most(max + 0.5);
  });
});
