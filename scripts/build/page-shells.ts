/**
 * Build step: every page starts from the boot script instead of a module
 * script tag, and the pages users open most (see `SHELL_PAGES`) get their own
 * HTML with the page's outline, rendered from the app's own components, and
 * module preloads for the route's lazily loaded chunk.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

import type { OutputBundle } from 'rolldown'
import { tsImport } from 'tsx/esm/api'
import type { Plugin } from 'vite'

import {
  BOOT_SCRIPT,
  ENTRY_ATTRIBUTE,
  SHELL_ATTRIBUTE,
} from '../../server/page-boot'
import type * as PageShellModule from '../../src/app/page-shell'

/** The element that ends the outline: the page renders once it is parsed. */
const SHELL_END_ID = 'page-shell-end'

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
  shell: PageShellModule.PageShell,
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
      // Inert and hidden from assistive technology: a picture of the page
      // until the app replaces it on its first render.
      () =>
        `<div id="root"><div ${SHELL_ATTRIBUTE} inert aria-hidden="true">${shell.html}<template id="${SHELL_END_ID}"></template></div></div>`,
    )
}

/** A chunk's file and every chunk it imports statically, depth first. */
function chunkFiles(bundle: OutputBundle, fileName: string): string[] {
  const files: string[] = []
  const visit = (name: string) => {
    const chunk = bundle[name]
    if (chunk?.type !== 'chunk' || files.includes(name)) return
    files.push(name)
    for (const imported of chunk.imports) visit(imported)
  }
  visit(fileName)
  return files
}

export function pageShells(): Plugin {
  let root = process.cwd()
  return {
    name: 'seam-console:page-shells',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      root = config.root
    },
    async generateBundle(_options, bundle) {
      const index = bundle['index.html']
      if (index?.type !== 'asset') {
        this.error('index.html is missing from the build')
      }
      const html = withBootScript(String(index.source))
      index.source = html

      const entry = Object.values(bundle).find(
        (output) => output.type === 'chunk' && output.isEntry,
      )
      if (entry?.type !== 'chunk') this.error('the build has no entry chunk')
      const firstLoad = new Set(chunkFiles(bundle, entry.fileName))
      const chunkOf = (module: string) =>
        Object.values(bundle).find(
          (output) =>
            output.type === 'chunk' &&
            output.facadeModuleId === join(root, module),
        )

      const { SHELL_PAGES, renderPageShell } = (await tsImport(
        pathToFileURL(join(root, 'src/app/page-shell.tsx')).href,
        import.meta.url,
      )) as typeof PageShellModule
      for (const [name, page] of Object.entries(SHELL_PAGES)) {
        const shell = await renderPageShell(page.path)
        let preloads: string[] = []
        if (page.module !== null) {
          const chunk = chunkOf(page.module)
          if (chunk?.type !== 'chunk') {
            this.error(`no chunk is built from ${page.module}`)
          }
          preloads = chunkFiles(bundle, chunk.fileName)
            .filter((file) => !firstLoad.has(file))
            .map((file) => `/${file}`)
        }
        this.emitFile({
          type: 'asset',
          fileName: `pages/${name}.html`,
          source: withPageShell(html, shell, preloads),
        })
      }
    },
  }
}
