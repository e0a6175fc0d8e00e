import { provideBus } from '../bus/bus-request.js';
import { FleetBus } from '../bus/fleet-bus.js';
import { startSources } from '../bus/start-source.js';
import { readSourceOptions, reportUrlNotices } from '../bus/url-options.js';
import { SCENES } from './scene-registry.js';
import { STAGE_HEIGHT, STAGE_WIDTH, stageTransform, watchStageFit } from './stage.js';

/** Whether the URL asks for iframe mode: `?embed&scene=SLUG`. */
export function isEmbedFrame(params: URLSearchParams): boolean {
  return params.has('embed');
}

/**
 * Iframe mode: one scene alone, no deck chrome, on the 1600×900 stage scaled
 * to fill the frame (letterboxed in the scene's own background), fed by its
 * own bus and source from the URL (`sim`, `seed`, `ws=`, `replay=` …), so an
 * iframe is a self-contained view. Returns a function that tears it down.
 */
export function mountEmbedFrame(params: URLSearchParams, root: HTMLElement): () => void {
  const lifetime = new AbortController();
  const bus = new FleetBus();
  reportUrlNotices(params, bus.diagnostics);
  const notice = sourceNotice(bus, lifetime.signal);
  const stopSources = startSources(bus, readSourceOptions(params));
  const stage = document.createElement('div');
  stage.className = 'embed-stage';
  stage.style.width = `${STAGE_WIDTH}px`;
  stage.style.height = `${STAGE_HEIGHT}px`;
  // Scenes inside the stage find this bus (not the page default).
  provideBus(stage, () => bus, lifetime.signal);
  // Like `<fleet-deck>.bus`: devtools and tests reach the frame's bus from the page.
  Object.assign(stage, { bus });
  document.documentElement.classList.add('embed');
  root.append(stage, notice);

  const slug = params.get('scene') ?? '';
  const entry = SCENES.find((s) => s.slug === slug);
  if (entry?.load) {
    document.title = `${entry.title} — Fleet deck`;
    void entry.load().then(() => {
      if (lifetime.signal.aborted) return;
      const scene = document.createElement(entry.tag);
      scene.className = 'scene';
      scene.dataset.slug = entry.slug;
      stage.append(scene);
    });
  } else {
    stage.append(unknownScene(slug, entry !== undefined));
  }

  // CSSOM writes (not a style attribute), so a strict style-src-attr would allow them too.
  const stopFitting = watchStageFit(root, (fit) => {
    stage.style.transform = stageTransform(fit);
  });

  return () => {
    lifetime.abort();
    stopFitting();
    stopSources();
    stage.remove();
    notice.remove();
  };
}

/**
 * The frame has no deck chrome, so no source badge; this line appears only when
 * the source is not live — a refused `ws=` URL and why, connecting, retrying in
 * N s, stale — so an empty scene in a frame explains itself.
 */
function sourceNotice(bus: FleetBus, signal: AbortSignal): HTMLElement {
  const notice = document.createElement('div');
  notice.className = 'embed-source';
  notice.setAttribute('role', 'status');
  const show = () => {
    const { kind, label, state, detail } = bus.source;
    notice.hidden = state === 'live';
    notice.dataset.state = state;
    // A refused URL may have no host to name: say which kind of source it was.
    const name = label || (kind === 'ws' ? 'WebSocket' : kind);
    notice.textContent = [name, state, detail].filter(Boolean).join(' · ');
  };
  bus.addEventListener('source', show, { signal });
  show();
  return notice;
}

/** What a frame shows for a slug it cannot render: the slug as text, and the ones it can. */
function unknownScene(slug: string, known: boolean): HTMLElement {
  const box = document.createElement('div');
  box.className = 'embed-error';
  box.setAttribute('role', 'alert');
  const title = document.createElement('h1');
  title.textContent = known ? `Scene "${slug}" is not built yet` : `No scene "${slug.slice(0, 80)}"`;
  const hint = document.createElement('p');
  hint.textContent = `Use ?embed&scene=SLUG with one of: ${SCENES.map((s) => s.slug).join(', ')}.`;
  box.append(title, hint);
  return box;
}
