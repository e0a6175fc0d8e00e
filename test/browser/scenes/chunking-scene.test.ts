import { expect } from '@open-wc/testing';
import { PHASE_COLORS } from '../../../src/contract/palette.js';
import '../../../src/scenes/chunking/chunking-scene.js';
import type { FleetChunkingScene } from '../../../src/scenes/chunking/chunking-scene.js';
import { mountScene, publishAndSettle } from '../support/fixture-bus.js';

const pred = (window_idx: number, predicted?: string, actual?: string, episode_id = 'ep-42') => ({
  type: 'prediction',
  episode_id,
  window_idx,
  predicted,
  actual,
});

/** `rgb(r, g, b)` of a hex colour, as computed styles report it. */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

const cell = (scene: FleetChunkingScene, i: number) =>
  scene.shadowRoot!.querySelector<HTMLElement>(`[part=cell][data-index="${i}"]`)!;
const truth = (scene: FleetChunkingScene, i: number) =>
  scene.shadowRoot!.querySelector<HTMLElement>(`[part=truth][data-index="${i}"]`)!;

describe('<fleet-chunking-scene>', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('names the event it waits for before the first prediction', async () => {
    const mounted = await mountScene<FleetChunkingScene>('fleet-chunking-scene');
    cleanup = mounted.cleanup;
    expect(mounted.element.shadowRoot!.querySelector('[part=empty]')!.textContent).to.contain('prediction');
  });

  it('paints six 10-second cells by predicted phase, or actual when predicted is absent', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetChunkingScene>('fleet-chunking-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [
      pred(0, 'clean', 'clean'),
      pred(2, undefined, 'infecting'),
      pred(5, 'dormant'),
    ]);
    const cells = element.shadowRoot!.querySelectorAll('[part=cell]');
    expect(cells).to.have.length(6);
    expect(getComputedStyle(cell(element, 0)).backgroundColor).to.equal(rgb(PHASE_COLORS.clean));
    expect(getComputedStyle(cell(element, 2)).backgroundColor).to.equal(rgb(PHASE_COLORS.infecting));
    expect(getComputedStyle(cell(element, 5)).backgroundColor).to.equal(rgb(PHASE_COLORS.dormant));
    expect(cell(element, 1).classList.contains('waiting')).to.equal(true);
    expect(cell(element, 2).textContent).to.contain('no prediction');
    // The truth strip beneath: known where actual came, unknown elsewhere.
    expect(getComputedStyle(truth(element, 2)).backgroundColor).to.equal(rgb(PHASE_COLORS.infecting));
    expect(truth(element, 5).textContent!.trim()).to.equal('unknown');
    expect(element.shadowRoot!.querySelector('.episode-id')!.textContent).to.equal('ep-42');
  });

  it('places window i at i/6 of the timeline', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetChunkingScene>('fleet-chunking-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [pred(2, 'armed', 'armed')]);
    const track = element.shadowRoot!.querySelector('.track.cells')!.getBoundingClientRect();
    const third = cell(element, 2).getBoundingClientRect();
    expect(third.left - track.left).to.be.closeTo(track.width / 3 + 4, 1);
    expect(third.width).to.be.closeTo(track.width / 6 - 8, 1);
    const ticks = [...element.shadowRoot!.querySelectorAll('.tick')].map((t) => t.textContent);
    expect(ticks).to.deep.equal(['0 s', '10 s', '20 s', '30 s', '40 s', '50 s', '60 s']);
  });

  it('hatches a cell whose truth disagrees, and not one that agrees', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetChunkingScene>('fleet-chunking-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [pred(0, 'armed', 'armed'), pred(1, 'infecting', 'armed')]);
    const hatch = (i: number) => getComputedStyle(cell(element, i), '::before').backgroundImage;
    expect(cell(element, 1).classList.contains('mismatch')).to.equal(true);
    expect(hatch(1)).to.contain('repeating-linear-gradient');
    expect(cell(element, 0).classList.contains('mismatch')).to.equal(false);
    expect(hatch(0)).to.equal('none');
    expect(element.shadowRoot!.querySelector('.agree')!.textContent).to.equal('1 of 2');
  });

  it('ignores window index 6 (and -1) without a trace on screen', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetChunkingScene>('fleet-chunking-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [pred(0, 'clean', 'clean'), pred(3, 'armed', 'infecting')]);
    const before = element.shadowRoot!.innerHTML;
    const accepted = await publishAndSettle(bus, element, [
      pred(6, 'dormant', 'dormant', 'ep-other'),
      pred(-1, 'dormant', undefined, 'ep-other'),
    ]);
    expect(accepted).to.equal(2);
    expect(element.shadowRoot!.innerHTML).to.equal(before);
    expect(element.shadowRoot!.textContent).not.to.contain('ep-other');
    expect(bus.state.predictions.ignored).to.equal(2);
  });

  it('veils cells left by an earlier episode when a new one starts', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetChunkingScene>('fleet-chunking-scene');
    cleanup = c;
    await publishAndSettle(bus, element, [
      pred(4, 'dormant', 'dormant', 'ep-1'),
      pred(0, 'clean', 'clean', 'ep-2'),
    ]);
    expect(element.shadowRoot!.querySelector('.episode-id')!.textContent).to.equal('ep-2');
    expect(cell(element, 4).classList.contains('stale')).to.equal(true);
    expect(cell(element, 4).textContent).to.contain('ep-1');
    expect(cell(element, 0).classList.contains('stale')).to.equal(false);
    // The earlier episode's agreement does not count for the new one.
    expect(element.shadowRoot!.querySelector('.agree')!.textContent).to.equal('1 of 1');
  });

  it('renders a hostile episode id as text', async () => {
    const { element, bus, cleanup: c } = await mountScene<FleetChunkingScene>('fleet-chunking-scene');
    cleanup = c;
    const hostile = '<img src=x onerror=alert(1)>';
    await publishAndSettle(bus, element, pred(0, 'clean', undefined, hostile));
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
    expect(element.shadowRoot!.querySelector('.episode-id')!.textContent).to.equal(hostile);
  });
});
