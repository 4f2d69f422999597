import type { Frame, Page } from '@playwright/test'
import { expect } from '@playwright/test'

import { XSS_MARKER } from '../../server/sandbox/hostile-strings'
import { E2E_PORTS, originOf } from './servers'

/** The dashboard whose sandbox holds a hostile payload in every string field. */
export const HOSTILE_ORIGIN = originOf(E2E_PORTS.hostileDashboard)
/** The portal demo beside it: the one origin allowed to frame it. */
export const HOSTILE_PORTAL_ORIGIN = originOf(E2E_PORTS.hostileEmbedDemo)

/** What the browser reported while the journey ran: none of it may happen. */
export interface Watch {
  events: string[]
}

/**
 * Records, from before the first page loads, every sign that a payload ran
 * or was blocked: a dialog, a console error or uncaught error, and (in every
 * frame) a Content-Security-Policy violation.
 */
export async function watchForExecution(page: Page): Promise<Watch> {
  const watch: Watch = { events: [] }
  await page.addInitScript(() => {
    const record = window as unknown as { __cspViolations: string[] }
    record.__cspViolations = []
    document.addEventListener('securitypolicyviolation', (event) => {
      record.__cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI} ${event.sample}`,
      )
    })
  })
  page.on('dialog', (dialog) => {
    watch.events.push(`dialog ${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('console', (message) => {
    if (message.type() === 'error') {
      watch.events.push(`console error: ${message.text()}`)
    }
  })
  page.on('pageerror', (error) => {
    watch.events.push(`uncaught: ${error.message}`)
  })
  return watch
}

/** What one frame's document shows about the hostile strings it renders. */
export interface FrameReport {
  /** `window.__xss`: set only by a payload that ran. */
  marker: unknown
  cspViolations: string[]
  /** Elements or attributes the app never renders itself. */
  injected: string[]
  /** How far the page scrolls sideways, in pixels (0 when it does not). */
  sidewaysScroll: number
  /** Text that shows outside its table cell or the window. */
  spills: string[]
  /** Text with direction controls that can reorder the text around it. */
  bidiLeaks: string[]
}

/** Runs in the page: must not use anything from outside its own body. */
function inspectFrame(marker: string): FrameReport {
  const injected: string[] = []
  const describe = (element: Element) =>
    `<${element.tagName.toLowerCase()}${[...element.attributes]
      .map(
        (attribute) => ` ${attribute.name}="${attribute.value.slice(0, 40)}"`,
      )
      .join('')}>`
  // The app renders none of these: any in the body came from a payload.
  const forbidden = [
    'body script',
    'iframe',
    'object',
    'embed',
    'frame',
    'body meta',
    'body base',
    'body style',
    'body link',
    'math',
    'video',
    'source',
    'marquee',
    'details',
    'template',
    'img[src="x"]',
    '[srcdoc]',
    'a[href^="javascript:" i]',
    'a[href^="data:" i]',
    'form[action]',
    'svg script',
    'svg animate',
  ]
  for (const selector of forbidden) {
    for (const element of document.querySelectorAll(selector)) {
      injected.push(describe(element))
    }
  }
  for (const element of document.body.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) injected.push(describe(element))
    }
  }

  // Text outside the window, or outside its table cell, as drawn: clipped by
  // every ancestor that clips its overflow.
  const spills: string[] = []
  const width = document.documentElement.clientWidth
  // The horizontal band each element lets its content show in.
  const clips = new Map<Element, { left: number; right: number }>()
  const clipOf = (element: Element | null): { left: number; right: number } => {
    if (!element || element === document.documentElement) {
      return { left: -Infinity, right: Infinity }
    }
    const known = clips.get(element)
    if (known) return known
    const outer = clipOf(element.parentElement)
    let clip = outer
    if (getComputedStyle(element).overflowX !== 'visible') {
      const box = element.getBoundingClientRect()
      clip = {
        left: Math.max(outer.left, box.left),
        right: Math.min(outer.right, box.right),
      }
    }
    clips.set(element, clip)
    return clip
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  const range = document.createRange()
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? ''
    const parent = node.parentElement
    if (text.trim() === '' || !parent) continue
    range.selectNodeContents(node)
    const rect = range.getBoundingClientRect()
    if (rect.width === 0 && rect.height === 0) continue
    const clip = clipOf(parent)
    const left = Math.max(rect.left, clip.left)
    const right = Math.min(rect.right, clip.right)
    if (right <= left) continue
    const where = `"${text.slice(0, 40)}" in ${describe(parent)}`
    if (right > width + 1) {
      spills.push(`${where} ends at ${Math.round(right)} px of ${width}`)
    }
    // The box it belongs to: its table cell, else its nearest block.
    let box: Element | null = parent.closest('td, th')
    for (let element: Element | null = parent; !box && element;) {
      const display = getComputedStyle(element).display
      if (display !== 'inline' && display !== 'contents') box = element
      element = element.parentElement
    }
    if (box) {
      const edges = box.getBoundingClientRect()
      if (right > edges.right + 1 || left < edges.left - 1) {
        spills.push(`${where} leaves its box ${describe(box)}`)
      }
    }
  }

  // A direction control must be isolated (by <bdi>, dir or unicode-bidi), or
  // be alone in its block, or it reorders the text next to it.
  const bidiLeaks: string[] = []
  const controls = /[\u202a-\u202e\u2066-\u2069]/
  const walkText = document.createTreeWalker(
    document.body,
    NodeFilter.SHOW_TEXT,
  )
  for (let node = walkText.nextNode(); node; node = walkText.nextNode()) {
    const text = node.textContent ?? ''
    if (!controls.test(text)) continue
    let isolated = false
    for (
      let element = node.parentElement;
      element && !isolated;
      element = element.parentElement
    ) {
      const style = getComputedStyle(element)
      if (element.tagName === 'OPTION' || element.tagName === 'TITLE') {
        isolated = true
      } else if (style.display !== 'inline' && style.display !== 'contents') {
        // A block is a paragraph of its own (whatever its dir): fine only if
        // the text is all of it.
        isolated = element.textContent.trim() === text.trim()
        break
      } else {
        isolated =
          element.tagName === 'BDI' ||
          element.hasAttribute('dir') ||
          /isolate|plaintext/.test(style.unicodeBidi)
      }
    }
    if (!isolated) {
      bidiLeaks.push(
        `"${text.slice(0, 40)}" in ${node.parentElement ? describe(node.parentElement) : '?'}`,
      )
    }
  }

  const record = window as unknown as Record<string, unknown>
  return {
    marker: record[marker],
    cspViolations: (record.__cspViolations as string[] | undefined) ?? [],
    injected,
    sidewaysScroll: Math.max(
      0,
      document.documentElement.scrollWidth - window.innerWidth,
    ),
    spills,
    bidiLeaks,
  }
}

const clean: FrameReport & { events: string[] } = {
  marker: undefined,
  cspViolations: [],
  injected: [],
  sidewaysScroll: 0,
  spills: [],
  bidiLeaks: [],
  events: [],
}

/**
 * Every frame of the page shows its hostile strings as inert text: nothing
 * ran or was blocked from running, nothing was injected, and the layout held.
 */
export async function expectInert(page: Page, watch: Watch): Promise<void> {
  const reports = await inspect(page, watch)
  expect(reports.length).toBeGreaterThan(0)
  for (const { url, ...report } of reports) expect(report, url).toEqual(clean)
}

/** What each of the dashboard's documents in the page shows, with what the browser reported. */
export async function inspect(
  page: Page,
  watch: Watch,
): Promise<(FrameReport & { url: string; events: string[] })[]> {
  // Only the dashboard's documents: a test portal around it is the test's own.
  const frames = page
    .frames()
    .filter((frame) => frame.url().startsWith(HOSTILE_ORIGIN))
  const reports = []
  for (const frame of frames) {
    const report = await frame.evaluate(inspectFrame, XSS_MARKER)
    reports.push({ ...report, url: frame.url(), events: watch.events })
  }
  return reports
}

/** A page's text exactly as the DOM holds it (no whitespace folding). */
export const textContents = (frame: Page | Frame, selector: string) =>
  frame
    .locator(selector)
    .evaluateAll((elements) => elements.map((element) => element.textContent))

/** Saves a screenshot for a person to look at: /tmp/hostile-<name>.png. */
export async function snapshot(
  page: Page,
  name: string,
  { fullPage = false }: { fullPage?: boolean } = {},
): Promise<void> {
  await page.screenshot({ path: `/tmp/hostile-${name}.png`, fullPage })
}
