/**
 * What the browser downloads: the JS and CSS `/accounts` needs before it can
 * render (the HTML's entry, module preloads and stylesheets, and every chunk
 * they import statically), and what each lazily loaded route adds on its
 * first visit. Sizes are raw, gzip (level 9) and brotli (quality 11).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

import type { Row } from './report'
import { atMost, formatKiB } from './report'

export interface HtmlAssets {
  scripts: string[]
  modulePreloads: string[]
  stylesheets: string[]
}

const TAG = /<(script|link)\b([^>]*)>/gi
const ATTRIBUTE =
  /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>()
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? '').toLowerCase()
    attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '')
  }
  return attributes
}

/** The module scripts, module preloads and stylesheets an HTML page loads. */
export function parseHtmlAssets(html: string): HtmlAssets {
  const assets: HtmlAssets = {
    scripts: [],
    modulePreloads: [],
    stylesheets: [],
  }
  for (const match of html.replace(/<!--[\s\S]*?-->/g, '').matchAll(TAG)) {
    const tag = (match[1] ?? '').toLowerCase()
    const attributes = attributesOf(match[2] ?? '')
    if (tag === 'script') {
      const src = attributes.get('src')
      if (src && attributes.get('type')?.toLowerCase() === 'module') {
        assets.scripts.push(src)
      }
      continue
    }
    const href = attributes.get('href')
    const rel = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/)
    if (!href) continue
    if (rel.includes('modulepreload')) assets.modulePreloads.push(href)
    else if (rel.includes('stylesheet')) assets.stylesheets.push(href)
  }
  return assets
}

// `import x from"./a.js"`, `import{a as b}from"./a.js"`, `import"./a.js"`,
// `export*from"./a.js"`; never `import(` or `import.meta`.
const STATIC_IMPORT =
  /(?:^|[^.\w$])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?(["'`])([^"'`\n]+)\1/g
const DYNAMIC_IMPORT = /(?:^|[^.\w$])import\s*\(\s*(["'`])([^"'`\n$]+)\1\s*\)/g

const specifiers = (code: string, pattern: RegExp): string[] => [
  ...new Set([...code.matchAll(pattern)].map((match) => match[2] ?? '')),
]

/** Modules a built chunk imports statically (loaded before it runs). */
export const staticImports = (code: string): string[] =>
  specifiers(code, STATIC_IMPORT)

/** Modules a built chunk imports on demand, with a literal specifier. */
export const dynamicImports = (code: string): string[] =>
  specifiers(code, DYNAMIC_IMPORT)

export interface AssetSize {
  /** Path inside the build folder, e.g. `assets/index-abc123.js`. */
  file: string
  bytes: number
  gzip: number
  brotli: number
}

export function compressedSizes(content: Buffer): {
  gzip: number
  brotli: number
} {
  return {
    gzip: gzipSync(content, { level: 9 }).length,
    brotli: brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }).length,
  }
}

export interface Group {
  js: AssetSize[]
  css: AssetSize[]
}

export interface LazyRoute extends Group {
  /** The chunk's name without its content hash, e.g. `account-detail`. */
  name: string
  /** The chunk the route's `import()` loads. */
  entry: string
}

export interface BundleAnalysis {
  firstLoad: Group
  lazy: LazyRoute[]
  /** CSS files in the build that the first load does not fetch. */
  otherCss: AssetSize[]
}

/** `/assets/x.js` or `./x.js` seen from `assets/y.js`, as a path in the build folder. */
function resolveAsset(specifier: string, from: string): string | null {
  if (!/^(\.{1,2}\/|\/)/.test(specifier)) return null
  const url = new URL(specifier, `http://build.invalid/${from}`)
  return decodeURIComponent(url.pathname.slice(1))
}

/** The chunk's name without the content hash Vite appends. */
export const chunkName = (file: string): string =>
  basename(file)
    .replace(/\.(js|css)$/, '')
    .replace(/-[\w-]{8}$/, '')

/** The HTML the server answers `/accounts` with, when the build has it. */
const ACCOUNTS_PAGE = 'pages/accounts.html'

export function analyzeBundle(distDir: string): BundleAnalysis {
  const indexFile = join(distDir, 'index.html')
  if (!existsSync(indexFile)) {
    throw new Error(
      `${indexFile} does not exist: build the app first (npm run build)`,
    )
  }
  const sizes = new Map<string, AssetSize>()
  const sizeOf = (file: string): AssetSize => {
    let size = sizes.get(file)
    if (!size) {
      const content = readFileSync(join(distDir, file))
      size = { file, bytes: content.length, ...compressedSizes(content) }
      sizes.set(file, size)
    }
    return size
  }
  const code = (file: string) => readFileSync(join(distDir, file), 'utf8')
  const exists = (file: string) => existsSync(join(distDir, file))

  /** The chunk and everything it imports statically, depth first. */
  const closure = (roots: readonly string[]): string[] => {
    const seen = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      if (!exists(file)) {
        throw new Error(`${file} is referenced by the build but missing`)
      }
      seen.add(file)
      if (!file.endsWith('.js')) return
      for (const specifier of staticImports(code(file))) {
        const target = resolveAsset(specifier, file)
        if (target !== null && exists(target)) visit(target)
      }
    }
    roots.forEach(visit)
    return [...seen]
  }

  // /accounts is answered with its own page when the build has one.
  const page = exists(ACCOUNTS_PAGE) ? ACCOUNTS_PAGE : 'index.html'
  const html = parseHtmlAssets(code(page))
  const fromHtml = (href: string) => {
    const file = resolveAsset(href, page)
    if (file === null) {
      throw new Error(`${page} loads ${href}, which is not in the build`)
    }
    return file
  }
  const firstFiles = closure(
    [...html.scripts, ...html.modulePreloads, ...html.stylesheets].map(
      fromHtml,
    ),
  )
  const first = new Set(firstFiles)
  const group = (files: readonly string[]): Group => ({
    js: files.filter((f) => f.endsWith('.js')).map(sizeOf),
    css: files.filter((f) => f.endsWith('.css')).map(sizeOf),
  })

  // Every import() reachable from the first load, and from the routes it loads.
  const lazy: LazyRoute[] = []
  const queue = firstFiles.filter((file) => file.endsWith('.js'))
  const routeEntries = new Set<string>()
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i] as string
    for (const specifier of dynamicImports(code(file))) {
      const target = resolveAsset(specifier, file)
      if (target === null || !exists(target) || first.has(target)) continue
      if (routeEntries.has(target)) continue
      routeEntries.add(target)
      const files = closure([target]).filter((f) => !first.has(f))
      lazy.push({ name: chunkName(target), entry: target, ...group(files) })
      queue.push(...files.filter((f) => f.endsWith('.js')))
    }
  }

  const assetsDir = join(distDir, 'assets')
  const otherCss = existsSync(assetsDir)
    ? readdirSync(assetsDir)
        .map((name) => `assets/${name}`)
        .filter((file) => file.endsWith('.css') && !first.has(file))
        .map(sizeOf)
    : []

  return {
    firstLoad: group(firstFiles),
    lazy: lazy.sort((a, b) => a.name.localeCompare(b.name)),
    otherCss,
  }
}

export interface Total {
  files: number
  bytes: number
  gzip: number
  brotli: number
}

export const total = (assets: readonly AssetSize[]): Total => ({
  files: assets.length,
  bytes: assets.reduce((sum, asset) => sum + asset.bytes, 0),
  gzip: assets.reduce((sum, asset) => sum + asset.gzip, 0),
  brotli: assets.reduce((sum, asset) => sum + asset.brotli, 0),
})

export interface Budget {
  name: string
  actual: number
  limit: number
  /** How the figures read: bytes as KiB, or a plain count. */
  unit: 'bytes' | 'count'
  ok: boolean
}

export const KIB = 1024

/** Size and count limits the build must stay within; `npm test` enforces them. */
export const LIMITS = {
  /** React, React DOM, Router, Query and Table alone are about 130 KiB. */
  firstLoadJsGzip: 170 * KIB,
  firstLoadCssGzip: 16 * KIB,
  /** One script and one stylesheet: the entry chunk holds all the first page needs. */
  firstLoadFiles: 2,
  lazyRouteJsGzip: 40 * KIB,
} as const

export function checkBudgets(analysis: BundleAnalysis): Budget[] {
  const js = total(analysis.firstLoad.js)
  const css = total(analysis.firstLoad.css)
  const budget = (
    name: string,
    actual: number,
    limit: number,
    unit: Budget['unit'] = 'bytes',
  ): Budget => ({ name, actual, limit, unit, ok: actual <= limit })
  return [
    budget('first-load JS (gzip)', js.gzip, LIMITS.firstLoadJsGzip),
    budget('first-load CSS (gzip)', css.gzip, LIMITS.firstLoadCssGzip),
    budget(
      'first-load files (JS + CSS)',
      js.files + css.files,
      LIMITS.firstLoadFiles,
      'count',
    ),
    ...analysis.lazy.map((route) =>
      budget(
        `lazy route ${route.name} JS (gzip)`,
        total(route.js).gzip,
        LIMITS.lazyRouteJsGzip,
      ),
    ),
  ]
}

export const formatBudgetValue = (value: number, unit: Budget['unit']) =>
  unit === 'bytes' ? formatKiB(value) : String(value)

const sizes = (t: Total) =>
  `${formatKiB(t.gzip)} gzip, ${formatKiB(t.brotli)} brotli (${formatKiB(t.bytes)} raw, ${t.files} file${t.files === 1 ? '' : 's'})`

/** The bundle's lines of the benchmark table. */
export function bundleRows(distDir: string): Row[] {
  const analysis = analyzeBundle(distDir)
  const js = total(analysis.firstLoad.js)
  const css = total(analysis.firstLoad.css)
  const rows: Row[] = [
    {
      measure: 'Bundle',
      case: '/accounts first load: JS',
      figures: sizes(js),
      target: `≤ ${formatKiB(LIMITS.firstLoadJsGzip)} gzip`,
      verdict: atMost(js.gzip, LIMITS.firstLoadJsGzip),
    },
    {
      measure: 'Bundle',
      case: '/accounts first load: CSS',
      figures: sizes(css),
      target: `≤ ${formatKiB(LIMITS.firstLoadCssGzip)} gzip`,
      verdict: atMost(css.gzip, LIMITS.firstLoadCssGzip),
    },
  ]
  for (const route of analysis.lazy) {
    const routeJs = total(route.js)
    rows.push({
      measure: 'Bundle',
      case: `lazy route: ${route.name}`,
      figures: sizes(total([...route.js, ...route.css])),
      target: `JS ≤ ${formatKiB(LIMITS.lazyRouteJsGzip)} gzip`,
      verdict: atMost(routeJs.gzip, LIMITS.lazyRouteJsGzip),
    })
  }
  if (analysis.otherCss.length > 0) {
    rows.push({
      measure: 'Bundle',
      case: `CSS loaded later (${analysis.otherCss.map((a) => chunkName(a.file)).join(', ')})`,
      figures: sizes(total(analysis.otherCss)),
      target: '',
      verdict: null,
    })
  }
  return rows
}
