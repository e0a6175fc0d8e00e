import { expect, fixture, html } from '@open-wc/testing';
import type { TimeStatus } from '../../../src/bus/time-control.js';
import '../../../src/deck/timeline/fleet-timeline.js';
import type { FleetTimeline } from '../../../src/deck/timeline/fleet-timeline.js';

const status = (paused: boolean): TimeStatus => ({
  mode: 'replay',
  paused,
  position: 30_000,
  start: 0,
  end: 60_000,
  held: 0,
  heldDropped: 0,
  ended: false,
});

/**
 * Play and pause are drawn, not typed: ⏸ has no glyph in the fonts of a
 * plain Linux install, where it showed as an empty box.
 */
describe('the time toggle draws its icon', () => {
  for (const paused of [true, false]) {
    it(`${paused ? 'resume' : 'pause'}: an SVG of the text's size, hidden from assistive technology, beside the word`, async () => {
      const bar = await fixture<FleetTimeline>(
        html`<fleet-timeline .status=${status(paused)}></fleet-timeline>`,
      );
      const toggle = bar.shadowRoot!.querySelector<HTMLButtonElement>('button.toggle')!;
      const icon = toggle.querySelector('svg.icon')!;
      expect(icon, 'an svg icon').to.exist;
      expect(icon.getAttribute('aria-hidden')).to.equal('true');
      expect(icon.querySelector('path')!.getAttribute('d')).to.match(/^M/);
      const box = icon.getBoundingClientRect();
      expect(box.width).to.be.greaterThan(8);
      expect(box.height).to.be.greaterThan(8);
      expect(toggle.textContent!.trim()).to.equal(paused ? 'Resume' : 'Pause');
      expect(toggle.textContent).not.to.match(/[⏸▶]/);
    });
  }
});
