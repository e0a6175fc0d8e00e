import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { FleetBus } from '../bus/fleet-bus.js';
import { downloadRecording, recorderFor } from '../bus/recorder.js';
import { displayText } from '../contract/display-text.js';

const REFRESH_MS = 500;

function rows(map: ReadonlyMap<string, number> | Record<string, number>) {
  const entries = map instanceof Map ? [...map.entries()] : Object.entries(map);
  return entries.sort((a, b) => b[1] - a[1]);
}

/**
 * The diagnostics overlay (`d`): events per second by type, rejected events
 * with their last reasons, unknown types, vocabulary warnings, dropped frames
 * and the page's frame rate. Reads `bus.diagnostics`; refreshes twice a second.
 */
@customElement('fleet-diagnostics-overlay')
export class FleetDiagnosticsOverlay extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: absolute;
      top: 16px;
      right: 16px;
      z-index: 20;
      width: 560px;
      max-height: calc(100% - 32px);
      overflow: auto;
      padding: 16px 20px;
      border-radius: 10px;
      background: rgba(16, 19, 24, 0.94);
      color: #e8eaed;
      border: 1px solid #39414d;
      font: 14px/1.45 ui-monospace, Menlo, Consolas, monospace;
    }
    h3 {
      margin: 12px 0 4px;
      font-size: 13px;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: #a9b0bb;
    }
    h3:first-child {
      margin-top: 0;
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    td {
      padding: 1px 6px 1px 0;
      vertical-align: top;
    }
    td.n {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .bad {
      color: #ff8a8a;
    }
    .reason {
      word-break: break-all;
    }
    .record {
      display: flex;
      align-items: center;
      gap: 10px;
    }
    .record button {
      font: inherit;
      padding: 3px 10px;
      border-radius: 6px;
      border: 1px solid var(--fleet-border);
      background: #1b2027; /* the overlay is a dark HUD in either theme, so its buttons are too */
      color: inherit;
      cursor: pointer;
    }
    .record button[aria-pressed='true'] {
      border-color: #ff8a8a;
      color: #ff8a8a;
    }
    .record button:disabled {
      opacity: 0.5;
      cursor: default;
    }
  `;

  /** The bus whose counters are shown. */
  @property({ attribute: false }) bus?: FleetBus;

  private timer?: ReturnType<typeof setInterval>;
  private frame = 0;
  private frames: number[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => this.requestUpdate(), REFRESH_MS);
    const count = (t: number) => {
      this.frames.push(t);
      while (this.frames.length > 0 && t - this.frames[0]! > 1000) this.frames.shift();
      this.frame = requestAnimationFrame(count);
    };
    this.frame = requestAnimationFrame(count);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    cancelAnimationFrame(this.frame);
  }

  /** Record / stop, and download the recording as NDJSON with arrival times (replay it with `?replay=`). */
  private renderRecorder(bus: FleetBus) {
    const recorder = recorderFor(bus);
    const toggle = () => {
      if (recorder.recording) recorder.stop();
      else recorder.start();
      this.requestUpdate();
    };
    return html`<div class="record">
      <button class="record-toggle" aria-pressed=${recorder.recording ? 'true' : 'false'} @click=${toggle}>
        ${recorder.recording ? '■ Stop' : '● Record'}
      </button>
      <button class="record-download" ?disabled=${recorder.count === 0} @click=${() => downloadRecording(recorder)}>
        Download NDJSON
      </button>
      <span>${recorder.count} events · ${Math.round(recorder.durationMs / 1000)} s${recorder.full ? ' · full' : ''}</span>
    </div>`;
  }

  override render() {
    const bus = this.bus;
    if (!bus) return html`no bus`;
    const d = bus.diagnostics;
    const perSecond = d.eventsPerSecond(bus.clock());
    return html`
      <h3>Source</h3>
      <div>${displayText(bus.source.label)} · ${bus.source.state}${bus.source.detail ? ` · ${displayText(bus.source.detail)}` : ''}</div>
      <div class="zod">validation: zod ${d.zodJit ? 'JIT (compiled)' : 'jitless (no eval)'}</div>
      <h3>Record what arrives</h3>
      ${this.renderRecorder(bus)}
      <h3>Accepted ${d.accepted} · frame rate ${this.frames.length} fps</h3>
      <table>
        <tr><td>type</td><td class="n">total</td><td class="n">per s</td></tr>
        ${rows(d.acceptedByType).map(
          ([type, n]) =>
            html`<tr><td>${displayText(type)}</td><td class="n">${n}</td><td class="n">${(perSecond[type] ?? 0).toFixed(1)}</td></tr>`,
        )}
      </table>
      <h3 class=${d.rejected > 0 ? 'bad' : ''}>Rejected ${d.rejected}</h3>
      <table>
        ${rows(d.rejectedByType).map(([type, n]) => html`<tr><td>${displayText(type)}</td><td class="n">${n}</td></tr>`)}
      </table>
      ${d.lastRejections
        .slice(-6)
        .reverse()
        .map(
          (r) =>
            html`<div class="reason">${displayText(r.type)}: <b>${displayText(r.field)}</b> expected ${r.expected}, got ${displayText(r.got)}</div>`,
        )}
      <h3>Unknown types ${d.unknown}</h3>
      <table>
        ${rows(d.unknownTypes).map(([type, n]) => html`<tr><td>${displayText(type)}</td><td class="n">${n}</td></tr>`)}
      </table>
      <h3>Vocabulary warnings ${d.vocabularyWarnings}</h3>
      ${d.lastWarnings
        .slice(-4)
        .reverse()
        .map(
          (w) =>
            html`<div class="reason">${w.type}.${w.field} = ${displayText(JSON.stringify(w.value))}</div>`,
        )}
      <h3>Frames ${d.frames} · dropped ${d.dropped}</h3>
      <div>
        binary ${d.droppedFrames.binary} · oversize ${d.droppedFrames.oversize} · garbage
        ${d.droppedFrames.garbage} · unparseable parts ${d.garbageParts}
      </div>
      ${d.lastFrameProblem ? html`<div class="reason">last: ${displayText(d.lastFrameProblem)}</div>` : ''}
      <h3>Reconnects</h3>
      <div>
        resumed ${d.resumes} · rebuilt ${d.rebuilds}${d.lastRebuildReason ? ` (last: ${displayText(d.lastRebuildReason)})` : ''}
        · duplicates skipped ${d.duplicatesSkipped} · heartbeats ${d.heartbeats}
      </div>
      <div class="held-dropped">dropped from a full hold while paused: ${d.heldDropped}</div>
      <h3>Ignored on screen</h3>
      <div>prediction window_idx outside 0–5: ${bus.state.predictions.ignored}</div>
      ${
        d.settingNotices.length > 0
          ? html`<h3 class="bad">URL parameters</h3>
              ${d.settingNotices.map((n) => html`<div class="reason setting">${displayText(n)}</div>`)}`
          : ''
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-diagnostics-overlay': FleetDiagnosticsOverlay;
  }
}
