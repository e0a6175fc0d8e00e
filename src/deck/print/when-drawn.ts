/** A scene element as the print layout sees it: maybe a Lit element, maybe with `whenDrawing()`. */
interface DrawableScene extends HTMLElement {
  readonly updateComplete?: Promise<unknown>;
  readonly isUpdatePending?: boolean;
  /**
   * Optional: a scene whose drawing finishes after its render (a chunk it
   * loads, a WebGL view it starts) resolves this once it draws, as
   * `<fleet-knn-scene>` does; the print layout waits for it.
   */
  whenDrawing?(): Promise<unknown>;
}

export interface DrawnOptions {
  /** Give up waiting after this long (ms); the scenes still print as they are. */
  readonly timeoutMs?: number;
  /** Consecutive quiet frames (no scene update pending) that count as settled. */
  readonly quietFrames?: number;
}

const frame = () =>
  new Promise<void>((resolve) => {
    // rAF may not run in a background tab; the timer keeps the wait finite.
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });

const within = <T>(promise: Promise<T> | undefined, ms: number) =>
  Promise.race([
    Promise.resolve(promise).catch(() => undefined),
    new Promise<void>((r) => setTimeout(r, ms)),
  ]);

/**
 * Resolves when every scene has drawn: its element is defined and updated,
 * its optional `whenDrawing()` settled, fonts loaded, and then a run of
 * animation frames passes with no scene update pending (canvas scenes draw
 * in `updated`, and a late chunk causes another update). Returns the slugs
 * of scenes still busy when `timeoutMs` ran out.
 */
export async function whenScenesDrawn(
  scenes: readonly HTMLElement[],
  options: DrawnOptions = {},
): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const quietFrames = options.quietFrames ?? 4;
  const deadline = performance.now() + timeoutMs;
  const left = () => Math.max(0, deadline - performance.now());
  const list = scenes as readonly DrawableScene[];

  await within(
    Promise.all(
      list.map((el) => (el.localName.includes('-') ? customElements.whenDefined(el.localName) : undefined)),
    ),
    left(),
  );
  await within(Promise.all(list.map((el) => el.updateComplete)), left());
  await within(Promise.all(list.map((el) => el.whenDrawing?.())), left());
  await within(document.fonts?.ready, left());

  let quiet = 0;
  while (quiet < quietFrames && left() > 0) {
    await frame();
    quiet = list.some((el) => el.isUpdatePending) ? 0 : quiet + 1;
  }
  return list
    .filter((el) => el.isUpdatePending || !el.matches(':defined'))
    .map((el) => el.dataset.slug ?? el.localName);
}
