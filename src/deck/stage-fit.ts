import { css, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { STAGE_HEIGHT, STAGE_WIDTH, type StageFit, stageTransform, watchStageFit } from './stage.js';

/**
 * Fits the stage into a Lit element's own box (the deck, the presenter's
 * scene frames): bind `style` to the stage's style attribute. The iframe
 * mode, which is no Lit element, uses `watchStageFit` itself.
 */
export class StageFitController implements ReactiveController {
  fit: StageFit = { scale: 1, x: 0, y: 0 };
  private stop?: () => void;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** The stage's `style` attribute now: its transform. */
  get style(): string {
    return `transform:${stageTransform(this.fit)}`;
  }

  hostConnected(): void {
    this.stop = watchStageFit(this.host, (fit) => {
      this.fit = fit;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
  }
}

/** The stage element a `StageFitController` moves: stage size, scaled from its top left. */
export const stageStyles = css`
  .stage {
    position: absolute;
    left: 0;
    top: 0;
    width: ${STAGE_WIDTH}px;
    height: ${STAGE_HEIGHT}px;
    transform-origin: 0 0;
    overflow: hidden;
    background: var(--fleet-bg);
  }
`;
