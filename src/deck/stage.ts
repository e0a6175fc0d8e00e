/** The logical stage every scene is laid out on (16:9). */
export const STAGE_WIDTH = 1600;
export const STAGE_HEIGHT = 900;

/** Scale and offset that fit the stage into a box, letterboxed and centred. */
export function fitStage(boxWidth: number, boxHeight: number): { scale: number; x: number; y: number } {
  if (boxWidth <= 0 || boxHeight <= 0) return { scale: 1, x: 0, y: 0 };
  const scale = Math.min(boxWidth / STAGE_WIDTH, boxHeight / STAGE_HEIGHT);
  return { scale, x: (boxWidth - STAGE_WIDTH * scale) / 2, y: (boxHeight - STAGE_HEIGHT * scale) / 2 };
}
