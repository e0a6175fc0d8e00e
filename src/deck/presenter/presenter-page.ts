import { type ThemeName, themeFromParams } from '../theme.js';
import { presenterSession } from './audience-link.js';
import './fleet-presenter.js';

/**
 * The presenter view as a page, filling the window. It starts no source of
 * its own: its bus is a mirror of the audience deck's (see `bus-mirror.ts`).
 */
export function mountPresenter(
  params: URLSearchParams,
  root: HTMLElement,
  onTheme?: (theme: ThemeName) => void,
): HTMLElement {
  const presenter = document.createElement('fleet-presenter');
  presenter.theme = themeFromParams(params);
  presenter.session = presenterSession(params);
  // CSSOM writes, which the page's Content-Security-Policy allows.
  presenter.style.position = 'fixed';
  presenter.style.inset = '0';
  presenter.addEventListener('fleet-theme-change', (e) =>
    onTheme?.((e as CustomEvent<{ theme: ThemeName }>).detail.theme),
  );
  document.title = 'Presenter — Fleet deck';
  root.append(presenter);
  return presenter;
}
