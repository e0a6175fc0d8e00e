import { FleetBus } from './bus/fleet-bus.js';
import { startTimedSources } from './bus/time-sources.js';
import { readSourceOptions, reportUrlNotices } from './bus/url-options.js';
import { isEmbedFrame, mountEmbedFrame } from './deck/embed-frame.js';
import './deck/fleet-deck.js';
import { connectAudience } from './deck/presenter/audience-link.js';
import { SCENES, sceneIndexFromHash } from './deck/scene-registry.js';
import { applyPageTheme, rememberTheme, type ThemeName, themeFromParams } from './deck/theme.js';

/**
 * The deck as a page: reads the URL, builds the bus and its source, mounts
 * `<fleet-deck>` filling the window — or, with `?embed&scene=SLUG`, that one
 * scene alone for an iframe; `?presenter`, the presenter view; `?print`,
 * every scene one per page. `?theme=light` themes any of them.
 */
async function boot(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const theme = themeFromParams(params);
  applyPageTheme(theme);
  const onTheme = (next: ThemeName) => {
    applyPageTheme(next);
    rememberTheme(next);
  };
  if (isEmbedFrame(params)) {
    mountEmbedFrame(params, document.body);
    return;
  }
  // The presenter and print views are their own chunks: the audience page does not load them.
  if (params.has('presenter')) {
    const { mountPresenter } = await import('./deck/presenter/presenter-page.js');
    mountPresenter(params, document.body, onTheme);
    return;
  }
  if (params.has('print')) {
    const { mountPrint } = await import('./deck/print/print-page.js');
    mountPrint(params, document.body);
    return;
  }
  // The scene on screen first starts loading before the warm start computes, so its chunk arrives meanwhile.
  void SCENES[sceneIndexFromHash(location.hash) ?? 0]?.load();
  const options = readSourceOptions(params);
  const bus = new FleetBus();
  // A parameter clamped or ignored is said (console, diagnostics overlay), not changed silently.
  reportUrlNotices(params, bus.diagnostics);
  // Under time control from the first event: pause, rewind, and `?replay=…&t=` opening at a moment.
  startTimedSources(bus, options, params);
  const deck = document.createElement('fleet-deck');
  deck.bus = bus;
  deck.globalKeys = true;
  deck.theme = theme;
  deck.addEventListener('fleet-theme-change', (e) =>
    onTheme((e as CustomEvent<{ theme: ThemeName }>).detail.theme),
  );
  document.body.append(deck);
  // Join the presenter channel now, so an open presenter view finds this window again after a reload.
  connectAudience(deck);
  deck.focus();
}

void boot();
