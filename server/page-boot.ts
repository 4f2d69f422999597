import { createHash } from 'node:crypto'

import { THEME_STORAGE_KEY } from '../src/lib/theme'

/** Marks the module preload the boot script starts the app from. */
export const ENTRY_ATTRIBUTE = 'data-entry'

/**
 * The one inline script of every page, run from <head> before anything is
 * painted. It sets an explicit theme choice on <html>, so the page's outline
 * is drawn in the right colours, and starts the app (already preloaded) only
 * after the browser has painted that outline: parsing and the first render
 * then no longer hold back the first paint.
 */
export const BOOT_SCRIPT = `(function () {
  try {
    var theme = localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});
    if (theme === 'light' || theme === 'dark') document.documentElement.classList.add(theme);
  } catch (error) {}
  document.addEventListener('DOMContentLoaded', function () {
    var entry = document.querySelector('link[rel=modulepreload][${ENTRY_ATTRIBUTE}]');
    if (!entry) return;
    var start = function () {
      var script = document.createElement('script');
      script.type = 'module';
      script.crossOrigin = '';
      script.src = entry.href;
      document.head.appendChild(script);
    };
    if (document.visibilityState !== 'visible') return start();
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { setTimeout(start, 0); });
    });
  });
})();`

/** The CSP source that allows the boot script and no other inline script. */
export const BOOT_SCRIPT_SOURCE = `'sha256-${createHash('sha256').update(BOOT_SCRIPT).digest('base64')}'`
