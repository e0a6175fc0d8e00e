import type { ReactiveController } from 'lit';
import type { SceneHost } from './store-controller.js';

/**
 * Re-renders its host every `intervalMs` while connected, for
 * views that change with time alone (relative "last seen", rolling windows
 * that age out on an idle bus).
 */
export class ClockController implements ReactiveController {
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: SceneHost,
    private readonly intervalMs: number,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.timer = setInterval(() => {
      this.host.requestUpdate();
    }, this.intervalMs);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
