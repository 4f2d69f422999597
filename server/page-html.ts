/**
 * The HTML the build writes: the boot script in place of the entry's script
 * tag, and a page's outline, title and preloads; at run time, a page drawn
 * with its data.
 */
import { PAGE_DATA_ID } from '../src/app/page-data'
import type { PageShell } from '../src/app/page-shell'
import { BOOT_SCRIPT, ENTRY_ATTRIBUTE, SHELL_ATTRIBUTE } from './page-boot'

/** The element that ends the outline: the page renders once it is parsed. */
const SHELL_END_ID = 'page-shell-end'

// Inert and hidden from assistive technology: a picture of the page until the
// app replaces it on its first render.
const SHELL_START = `<div ${SHELL_ATTRIBUTE} inert aria-hidden="true">`
const SHELL_END = `<template id="${SHELL_END_ID}"></template>`

const ENTRY_SCRIPT =
  /<script type="module" crossorigin src="([^"]+)"><\/script>/

/** The HTML with the boot script in place of the entry's script tag. */
export function withBootScript(html: string): string {
  const entry = ENTRY_SCRIPT.exec(html)
  if (!entry) throw new Error('index.html has no module entry script')
  return html.replace(
    entry[0],
    `<link rel="modulepreload" crossorigin href="${entry[1] ?? ''}" ${ENTRY_ATTRIBUTE}>\n    <script>${BOOT_SCRIPT}</script>`,
  )
}

/** The HTML of one page: its title, its outline in `#root`, its preloads. */
export function withPageShell(
  html: string,
  shell: PageShell,
  preloads: readonly string[],
): string {
  const links = preloads
    .map(
      (href) => `\n    <link rel="modulepreload" crossorigin href="${href}">`,
    )
    .join('')
  // Nothing is painted until the whole outline is parsed: a first frame with
  // half a page would let the app start before the rest is on screen.
  const renderBlock = `\n    <link rel="expect" href="#${SHELL_END_ID}" blocking="render">`
  const root = '<div id="root"></div>'
  if (!html.includes(root)) throw new Error('index.html has no empty #root')
  return html
    .replace(/<title>[^<]*<\/title>/, () => `<title>${shell.title}</title>`)
    .replace('\n  </head>', () => `${links}${renderBlock}\n  </head>`)
    .replace(
      root,
      () =>
        `<div id="root">${SHELL_START}${shell.html}${SHELL_END}</div></div>`,
    )
}

/**
 * A built page (`withPageShell`'s output) with its outline swapped for
 * `shell`, the page drawn with data, and `data` as a JSON script before the
 * outline's end, so the app has it whenever the page is on screen.
 */
export function withDrawnPage(
  pageHtml: string,
  shell: PageShell,
  data: string,
): string {
  const start = pageHtml.indexOf(SHELL_START)
  const end = pageHtml.indexOf(SHELL_END, start)
  if (start < 0 || end < 0) throw new Error('the page has no outline to draw')
  const head = pageHtml
    .slice(0, start + SHELL_START.length)
    .replace(/<title>[^<]*<\/title>/, () => `<title>${shell.title}</title>`)
  const script = `<script type="application/json" id="${PAGE_DATA_ID}">${data}</script>`
  return `${head}${shell.html}${script}${pageHtml.slice(end)}`
}
