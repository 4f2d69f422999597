import { createHash } from 'node:crypto'

import { THEME_STORAGE_KEY } from '../src/lib/theme'

/** Marks the module preload the boot script starts the app from. */
export const ENTRY_ATTRIBUTE = 'data-entry'

/** Marks the page's outline, drawn in `#root` by the server. */
export const SHELL_ATTRIBUTE = 'data-page-shell'

/** The longest the app waits for the outline to be on screen. */
const SHELL_WAIT_LIMIT_MS = 1_000

/**
 * The one inline script of every page, run from <head> before anything is
 * painted. It sets an explicit theme choice on <html>, so the page's outline
 * is drawn in the right colours, and starts the app (already preloaded) once
 * the outline is on screen (the browser's first contentful paint, at most
 * SHELL_WAIT_LIMIT_MS after parsing): evaluating the app and its first render
 * then no longer hold back what the reader sees. Pages without an outline,
 * and hidden tabs, start the app at once.
 */
export const BOOT_SCRIPT = `(function () {
  try {
    var theme = localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});
    if (theme === 'light' || theme === 'dark') document.documentElement.classList.add(theme);
  } catch (error) {}
  document.addEventListener('DOMContentLoaded', function () {
    var entry = document.querySelector('link[rel=modulepreload][${ENTRY_ATTRIBUTE}]');
    if (!entry) return;
    var started = false;
    var start = function () {
      if (started) return;
      started = true;
      var script = document.createElement('script');
      script.type = 'module';
      script.crossOrigin = '';
      script.src = entry.href;
      document.head.appendChild(script);
    };
    var outlined = document.querySelector('[${SHELL_ATTRIBUTE}]');
    var observable = typeof PerformanceObserver === 'function' &&
      (PerformanceObserver.supportedEntryTypes || []).indexOf('paint') >= 0;
    if (!outlined || !observable || document.visibilityState !== 'visible') return start();
    new PerformanceObserver(function (list, observer) {
      if (!list.getEntriesByName('first-contentful-paint').length) return;
      observer.disconnect();
      start();
    }).observe({ type: 'paint', buffered: true });
    setTimeout(start, ${SHELL_WAIT_LIMIT_MS});
  });
})();`

/** The CSP source that allows the boot script and no other inline script. */
export const BOOT_SCRIPT_SOURCE = `'sha256-${createHash('sha256').update(BOOT_SCRIPT).digest('base64')}'`
