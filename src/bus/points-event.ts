import type { EventOf } from '../contract/schemas.js';
import type { PointBuffer } from '../store/point-columns.js';

/**
 * The per-type `embedding` event of one publish, whose points travelled in
 * columns: its `detail` (the accepted events, as for every type) is made
 * from them when a listener first reads it. A deck with no listener that
 * reads it (the usual case) never makes an object per point.
 *
 * The columns are the bus's and are reused by its next publish, so `detail`
 * must be read while the event is dispatched (every listener here does);
 * read later, after another publish, it throws rather than give other points.
 */
export function pointsEvent(points: PointBuffer): CustomEvent<readonly EventOf<'embedding'>[]> {
  const event = new CustomEvent<readonly EventOf<'embedding'>[]>('embedding');
  const generation = points.generation;
  let detail: readonly EventOf<'embedding'>[] | undefined;
  Object.defineProperty(event, 'detail', {
    get: () => {
      if (detail) return detail;
      if (points.generation !== generation)
        throw new Error('the points of an `embedding` event are read while it is dispatched, not after');
      detail = points.toEvents();
      return detail;
    },
  });
  return event;
}
