import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import {
  analyzeBundle,
  type AssetSize,
  type BundleAnalysis,
  checkBudgets,
  chunkName,
  compressedSizes,
  dynamicImports,
  KIB,
  LIMITS,
  parseHtmlAssets,
  staticImports,
  total,
} from './bundle'

describe('parseHtmlAssets', () => {
  it('finds module scripts, module preloads and stylesheets in any attribute order', () => {
    const html = `<!doctype html><html><head>
      <!-- <script type="module" src="/assets/commented.js"></script> -->
      <script src="/classic.js"></script>
      <script crossorigin src='/assets/entry.js' type=module></script>
      <link href="/assets/vendor.js" rel="modulepreload" crossorigin>
      <link rel="stylesheet" crossorigin href="/assets/app.css">
      <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
      <LINK REL="preload stylesheet" HREF="/assets/more.css">
    </head></html>`
    expect(parseHtmlAssets(html)).toEqual({
      scripts: ['/assets/entry.js'],
      modulePreloads: ['/assets/vendor.js'],
      stylesheets: ['/assets/app.css', '/assets/more.css'],
    })
  })
})

describe('staticImports and dynamicImports', () => {
  const code = [
    'import{a as b,c}from"./vendor-1.js";',
    "import d from './default.js';",
    'import"./side-effect.js";',
    'export*from"./re-export.js";',
    'export{e}from"./named.js";',
    'const lazy=()=>import("./route.js"),other=()=>import(`./tpl.js`);',
    'const url=import.meta.url;obj.import("./not-a-module.js");',
    'const o={import:"./not-either.js"};const m=import(`./${name}.js`);',
  ].join('')

  it('lists the static specifiers once each, never dynamic ones', () => {
    expect(staticImports(code)).toEqual([
      './vendor-1.js',
      './default.js',
      './side-effect.js',
      './re-export.js',
      './named.js',
    ])
  })

  it('lists dynamic imports with a literal specifier only', () => {
    expect(dynamicImports(code)).toEqual(['./route.js', './tpl.js'])
  })
})

describe('compressedSizes', () => {
  it('shrinks repetitive text and cannot shrink random bytes', () => {
    const text = Buffer.from('export const row = 1;\n'.repeat(5_000))
    const repetitive = compressedSizes(text)
    expect(repetitive.gzip).toBeLessThan(text.length / 50)
    expect(repetitive.brotli).toBeLessThan(text.length / 50)

    const noise = randomBytes(10_000)
    expect(compressedSizes(noise).gzip).toBeGreaterThanOrEqual(noise.length)
  })
})

describe('chunkName', () => {
  it('drops the content hash, which may hold - and _', () => {
    expect(chunkName('assets/account-detail-DcBv4FoE.js')).toBe(
      'account-detail',
    )
    expect(chunkName('assets/use-page-permissions-G-u_tEef.js')).toBe(
      'use-page-permissions',
    )
    expect(chunkName('assets/index-loJWUMjU.css')).toBe('index')
  })
})

describe('analyzeBundle', () => {
  let dir: string
  const write = (file: string, content: string | Buffer) => {
    writeFileSync(join(dir, file), content)
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bundle-test-'))
    mkdirSync(join(dir, 'assets'))
    write(
      'index.html',
      `<!doctype html><head>
        <!-- <script type="module" src="/assets/old-00000000.js"></script> -->
        <script type="module" crossorigin src="/assets/index-AAAAAAAA.js"></script>
        <link rel="modulepreload" crossorigin href="/assets/vendor-BBBBBBBB.js">
        <link rel="stylesheet" crossorigin href="/assets/index-CCCCCCCC.css">
      </head>`,
    )
    write(
      'assets/index-AAAAAAAA.js',
      [
        'import{a as b}from"./vendor-BBBBBBBB.js";import"./polyfill-DDDDDDDD.js";',
        'const routes=[{lazy:()=>import("./detail-EEEEEEEE.js")},{lazy:()=>import(`./triage-FFFFFFFF.js`)}];',
        // A string that only looks like an import, of a file the build lacks.
        'const s="import(\\"./missing-00000000.js\\")";console.log(import.meta.url,routes,s,b);',
      ].join(''),
    )
    write('assets/vendor-BBBBBBBB.js', 'export const a = 1;\n'.repeat(2_000))
    write('assets/polyfill-DDDDDDDD.js', 'globalThis.x = 1')
    write('assets/index-CCCCCCCC.css', '.a{color:red}\n'.repeat(100))
    write(
      'assets/detail-EEEEEEEE.js',
      'import{x}from"./index-AAAAAAAA.js";import{y}from"./shared-GGGGGGGG.js";export*from"./vendor-BBBBBBBB.js";',
    )
    write(
      'assets/triage-FFFFFFFF.js',
      'import{y}from"./shared-GGGGGGGG.js";export const n=()=>import("./nested-HHHHHHHH.js")',
    )
    write('assets/shared-GGGGGGGG.js', 'export const y = 2')
    write('assets/nested-HHHHHHHH.js', 'export const z = 3')
    write('assets/later-IIIIIIII.css', '.b{color:blue}')
  })

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  const files = (assets: readonly AssetSize[]) => assets.map((a) => a.file)

  it('reads the accounts page the server answers /accounts with', () => {
    mkdirSync(join(dir, 'pages'))
    write(
      'pages/accounts.html',
      `<!doctype html><head>
        <link rel="modulepreload" crossorigin href="/assets/polyfill-DDDDDDDD.js" data-entry>
        <link rel="stylesheet" crossorigin href="/assets/later-IIIIIIII.css">
      </head>`,
    )

    const { firstLoad } = analyzeBundle(dir)

    expect(files(firstLoad.js)).toEqual(['assets/polyfill-DDDDDDDD.js'])
    expect(files(firstLoad.css)).toEqual(['assets/later-IIIIIIII.css'])
  })

  it('takes the HTML entries and their static imports as the first load', () => {
    const { firstLoad } = analyzeBundle(dir)
    expect(files(firstLoad.js)).toEqual([
      'assets/index-AAAAAAAA.js',
      'assets/vendor-BBBBBBBB.js',
      'assets/polyfill-DDDDDDDD.js',
    ])
    expect(files(firstLoad.css)).toEqual(['assets/index-CCCCCCCC.css'])
    const vendor = firstLoad.js[1]
    expect(vendor?.bytes).toBe(20 * 2_000)
    expect(vendor?.gzip).toBeLessThan(vendor?.bytes ?? 0)
  })

  it('gives each lazy route what it adds to the first load, nested ones too', () => {
    const { lazy, otherCss } = analyzeBundle(dir)
    expect(
      lazy.map((route) => ({ name: route.name, js: files(route.js) })),
    ).toEqual([
      {
        name: 'detail',
        js: ['assets/detail-EEEEEEEE.js', 'assets/shared-GGGGGGGG.js'],
      },
      { name: 'nested', js: ['assets/nested-HHHHHHHH.js'] },
      {
        name: 'triage',
        js: ['assets/triage-FFFFFFFF.js', 'assets/shared-GGGGGGGG.js'],
      },
    ])
    expect(files(otherCss)).toEqual(['assets/later-IIIIIIII.css'])
  })

  it('names a file the HTML loads but the build lacks', () => {
    write(
      'index.html',
      '<script type="module" src="/assets/gone-00000000.js"></script>',
    )
    expect(() => analyzeBundle(dir)).toThrow(
      'assets/gone-00000000.js is referenced by the build but missing',
    )
  })

  it('asks for a build when there is none', () => {
    rmSync(join(dir, 'index.html'))
    expect(() => analyzeBundle(dir)).toThrow('npm run build')
  })
})

describe('checkBudgets', () => {
  const asset = (file: string, gzip: number): AssetSize => ({
    file,
    bytes: gzip * 4,
    gzip,
    brotli: gzip - 1,
  })
  const analysis = (firstJsGzip: number, lazyGzip: number): BundleAnalysis => ({
    firstLoad: {
      js: [
        asset('assets/index.js', firstJsGzip - 1_000),
        asset('assets/x.js', 1_000),
      ],
      css: [],
    },
    lazy: [
      {
        name: 'detail',
        entry: 'assets/detail.js',
        js: [asset('assets/detail.js', lazyGzip)],
        css: [],
      },
    ],
    otherCss: [],
  })
  const byName = (budgets: ReturnType<typeof checkBudgets>, name: string) =>
    budgets.find((budget) => budget.name === name)

  it('passes at the limits', () => {
    const budgets = checkBudgets(
      analysis(LIMITS.firstLoadJsGzip, LIMITS.lazyRouteJsGzip),
    )
    expect(budgets.every((budget) => budget.ok)).toBe(true)
    expect(byName(budgets, 'first-load JS (gzip)')?.actual).toBe(170 * KIB)
  })

  it('fails the first-load JS budget one byte over 170 KiB, summed over its chunks', () => {
    const budgets = checkBudgets(analysis(170 * KIB + 1, 1_000))
    expect(byName(budgets, 'first-load JS (gzip)')).toMatchObject({
      ok: false,
      actual: 170 * KIB + 1,
    })
    expect(byName(budgets, 'lazy route detail JS (gzip)')?.ok).toBe(true)
  })

  it('fails a lazy route over its limit and counts first-load files', () => {
    const budgets = checkBudgets(
      analysis(1_000 * 2, LIMITS.lazyRouteJsGzip + 1),
    )
    expect(byName(budgets, 'lazy route detail JS (gzip)')?.ok).toBe(false)
    expect(byName(budgets, 'first-load files (JS + CSS)')).toMatchObject({
      actual: 2,
      ok: true,
    })
  })

  it('sums sizes with total', () => {
    expect(total([asset('a', 10), asset('b', 5)])).toEqual({
      files: 2,
      bytes: 60,
      gzip: 15,
      brotli: 13,
    })
  })
})
