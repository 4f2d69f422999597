/**
 * Build step: every page starts from the boot script instead of a module
 * script tag, and the pages users open most (see `SHELL_PAGES`) get their own
 * HTML with the page's outline, rendered from the app's own components, and
 * module preloads for the route's lazily loaded chunk.
 *
 * Vite's config loads this file; what it runs (the app's components, the
 * HTML helpers) is loaded at build time through tsx, so the config itself
 * imports nothing but this file.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

import type { OutputBundle } from 'rolldown'
import { tsImport } from 'tsx/esm/api'
import type { Plugin } from 'vite'

import type * as PageHtmlModule from '../../server/page-html'
import type * as PageShellModule from '../../src/app/page-shell'

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
      const load = async <T>(module: string) =>
        (await tsImport(
          pathToFileURL(join(root, module)).href,
          import.meta.url,
        )) as T
      const { withBootScript, withPageShell } = await load<
        typeof PageHtmlModule
      >('server/page-html.ts')
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

      const { SHELL_PAGES, renderPageShell } = await load<
        typeof PageShellModule
      >('src/app/page-shell.tsx')
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
