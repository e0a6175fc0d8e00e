/** The logical stage every scene is laid out on (16:9). */
export const STAGE_WIDTH = 1600;
export const STAGE_HEIGHT = 900;

/** How the stage sits in its box: scaled, then moved to the centre. */
export interface StageFit {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

/** Scale and offset that fit the stage into a box, letterboxed and centred. */
export function fitStage(boxWidth: number, boxHeight: number): StageFit {
  if (boxWidth <= 0 || boxHeight <= 0) return { scale: 1, x: 0, y: 0 };
  const scale = Math.min(boxWidth / STAGE_WIDTH, boxHeight / STAGE_HEIGHT);
  return { scale, x: (boxWidth - STAGE_WIDTH * scale) / 2, y: (boxHeight - STAGE_HEIGHT * scale) / 2 };
}

/** The CSS transform that puts the stage where `fit` says. */
export function stageTransform({ scale, x, y }: StageFit): string {
  return `translate(${x}px, ${y}px) scale(${scale})`;
}

/**
 * Calls `apply` with the fit of the stage into `box`, now and whenever the
 * box changes size. Returns the function that stops watching.
 */
export function watchStageFit(box: HTMLElement, apply: (fit: StageFit) => void): () => void {
  const refit = () => apply(fitStage(box.clientWidth, box.clientHeight));
  const observer = new ResizeObserver(refit);
  observer.observe(box);
  refit();
  return () => observer.disconnect();
}
