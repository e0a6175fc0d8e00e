import { expect } from '@open-wc/testing';
import { defaultBus } from '../../../src/bus/bus-request.js';
import '../../../src/scenes/models/models-scene.js';
import type { FleetModelsScene } from '../../../src/scenes/models/models-scene.js';
import { mountScene, publishAndSettle, settle } from '../support/fixture-bus.js';

/**
 * A scene placed on a page with no `<fleet-bus>` and no deck reads the page's
 * default bus (`defaultBus()`, exported for embedders), one for the page.
 */
describe('defaultBus()', () => {
  const placed: HTMLElement[] = [];
  afterEach(() => {
    for (const element of placed.splice(0)) element.remove();
  });

  /** The scene in a stage-sized box straight in <body>: no provider above it. */
  function place(): FleetModelsScene {
    const box = document.createElement('div');
    box.style.cssText = 'width:1600px;height:900px;position:relative';
    const element = document.createElement('fleet-models-scene');
    box.append(element);
    document.body.append(box);
    placed.push(box);
    return element;
  }

  it('is one bus for the whole page', () => {
    expect(defaultBus()).to.equal(defaultBus());
  });

  it('feeds a scene outside any <fleet-bus>', async () => {
    const element = place();
    await settle(element);
    expect(element.shadowRoot!.querySelector('[part=empty]')).to.not.equal(null);
    await publishAndSettle(defaultBus(), element, { type: 'model_metric', model: 'lstm', accuracy: 0.931 });
    const row = element.shadowRoot!.querySelector<HTMLElement>('[part=bar][data-model="lstm"]');
    expect(row, 'the bar for lstm').to.not.equal(null);
    expect(element.shadowRoot!.textContent).to.contain('93.1%');
    expect(element.shadowRoot!.querySelector('[part=empty]')).to.equal(null);
  });

  it('is not what a scene inside a <fleet-bus> reads', async () => {
    const inside = await mountScene<FleetModelsScene>('fleet-models-scene');
    try {
      expect(inside.bus).to.not.equal(defaultBus());
      await publishAndSettle(defaultBus(), inside.element, {
        type: 'model_metric',
        model: 'gru',
        accuracy: 0.5,
      });
      expect(inside.element.shadowRoot!.querySelector('[data-model="gru"]')).to.equal(null);
      await publishAndSettle(inside.bus, inside.element, {
        type: 'model_metric',
        model: 'gru',
        accuracy: 0.5,
      });
      expect(inside.element.shadowRoot!.querySelector('[data-model="gru"]')).to.not.equal(null);
    } finally {
      inside.cleanup();
    }
  });
});
