/** The text each element was last fitted for: a fit costs a layout, so only changed text is fitted again. */
const fitted = new WeakMap<HTMLElement, string>();

/**
 * Fits one-line texts to their boxes by font size. Each of `elements` whose
 * text changed since its last fit starts at `maxPx`; one that overflows its
 * box shrinks in proportion, never below `minPx` (past that its own overflow
 * rule, an ellipsis say, takes over). All are written, then all read, then
 * the overflowing written again, so a fit of several costs one layout.
 *
 * For figures that grow: "9,823 / 10,000" or a detection count past a
 * million no longer fits a card sized for five digits, and was cut to "10…".
 */
export function fitOneLine(elements: Iterable<HTMLElement>, maxPx: number, minPx: number): void {
  const changed: HTMLElement[] = [];
  for (const element of elements) {
    const text = element.textContent ?? '';
    if (fitted.get(element) === text) continue;
    fitted.set(element, text);
    element.style.fontSize = `${maxPx}px`;
    changed.push(element);
  }
  const overflow = changed.map((element) => element.scrollWidth / Math.max(1, element.clientWidth));
  changed.forEach((element, i) => {
    const over = overflow[i]!;
    if (over > 1) element.style.fontSize = `${Math.max(minPx, Math.floor(maxPx / over))}px`;
  });
}
