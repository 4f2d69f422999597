import { createHash } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import { BOOT_SCRIPT, BOOT_SCRIPT_SOURCE } from '../../server/page-boot'
import { pageFileFor } from '../../server/page-files'
import { withBootScript, withPageShell } from '../../server/page-html'
import { renderPageShell, SHELL_PAGES } from '../../src/app/page-shell'

const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <title>Seam Accounts Console</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-def.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`

describe('withBootScript', () => {
  it('preloads the entry and starts it from the boot script', () => {
    const html = withBootScript(BUILT)

    expect(html).not.toContain('<script type="module"')
    expect(html).toContain(
      '<link rel="modulepreload" crossorigin href="/assets/index-abc.js" data-entry>',
    )
    expect(html).toContain(`<script>${BOOT_SCRIPT}</script>`)
    // The stylesheet still loads from <head>.
    expect(html).toContain('href="/assets/index-def.css"')
  })

  it('refuses a page without a module entry', () => {
    expect(() => withBootScript('<html><head></head></html>')).toThrow(
      /no module entry script/,
    )
  })

  it('is allowed by the CSP source the server sends', () => {
    const digest = createHash('sha256').update(BOOT_SCRIPT).digest('base64')
    expect(BOOT_SCRIPT_SOURCE).toBe(`'sha256-${digest}'`)
  })
})

describe('withPageShell', () => {
  it('draws the outline inert and hidden, with the title and preloads', () => {
    const html = withPageShell(
      withBootScript(BUILT),
      { title: 'Triage · Seam Accounts Console', html: '<h1>Triage</h1>' },
      ['/assets/triage-1.js', '/assets/save-file-2.js'],
    )

    expect(html).toContain('<title>Triage · Seam Accounts Console</title>')
    expect(html).toContain(
      '<div id="root"><div data-page-shell inert aria-hidden="true"><h1>Triage</h1><template id="page-shell-end"></template></div></div>',
    )
    const head = html.slice(0, html.indexOf('</head>'))
    expect(head).toContain(
      '<link rel="modulepreload" crossorigin href="/assets/triage-1.js">',
    )
    expect(head).toContain(
      '<link rel="modulepreload" crossorigin href="/assets/save-file-2.js">',
    )
    // No frame shows half an outline.
    expect(head).toContain(
      '<link rel="expect" href="#page-shell-end" blocking="render">',
    )
  })

  it('keeps `$` sequences in the markup as they are', () => {
    const html = withPageShell(
      BUILT,
      { title: "$& $' title", html: "<p>$& $` $'</p>" },
      [],
    )

    expect(html).toContain("<title>$& $' title</title>")
    expect(html).toContain("<p>$& $` $'</p>")
  })
})

describe('renderPageShell', () => {
  it.each([
    ['accounts', 'Connected accounts', 'Accounts · Seam Accounts Console'],
    ['triage', 'Triage', 'Triage · Seam Accounts Console'],
  ] as const)(
    'draws the %s page heading in its loading state',
    async (page, heading, title) => {
      const shell = await renderPageShell(SHELL_PAGES[page].path)

      expect(shell.title).toBe(title)
      expect(shell.html).toContain(`>${heading}</h1>`)
      expect(shell.html).toContain('aria-busy="true"')
      expect(shell.html).not.toMatch(/<title|<link/)
    },
  )

  it('draws an account page without data', async () => {
    const shell = await renderPageShell(SHELL_PAGES.account.path)

    expect(shell.title).toBe('Account · Seam Accounts Console')
    expect(shell.html).toContain('animate-pulse')
    expect(shell.html).not.toContain(SHELL_PAGES.account.path)
  })

  it('is the page the server answers each path with', () => {
    for (const [name, page] of Object.entries(SHELL_PAGES)) {
      expect(pageFileFor(page.path)).toBe(`pages/${name}.html`)
    }
  })
})
