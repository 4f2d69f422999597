import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import axe, { type AxeResults, type Result } from 'axe-core'

import { expect } from './test'

/** The success criteria the dashboard is held to: WCAG 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const

export type Theme = 'light' | 'dark'
export const THEMES: readonly Theme[] = ['light', 'dark']

/**
 * Shows the page in `theme` the way a reader's system asks for it: the
 * stylesheet follows `prefers-color-scheme` unless a theme was picked.
 */
export async function useTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme })
}

/**
 * Waits until no finite animation or transition is running, so colours are
 * measured at rest and not halfway through a hover or fade. Endless ones
 * (a spinner, a skeleton's pulse) are left running.
 */
async function settle(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    await frame.waitForFunction(() =>
      document
        .getAnimations()
        .every(
          (animation) =>
            animation.playState !== 'running' ||
            animation.effect?.getTiming().iterations === Infinity,
        ),
    )
  }
}

/** Elements listed per rule; the rest of them are counted. */
const SHOWN_PER_RULE = 6

/**
 * One line per element: rule, impact, where (frames joined by `>>>`), what
 * is wrong and how to fix it, the first few elements of each rule.
 */
export function describeViolations(violations: readonly Result[]): string[] {
  return violations.flatMap((violation) => {
    const lines = violation.nodes.slice(0, SHOWN_PER_RULE).map((node) => {
      const target = node.target
        .map((part) => (Array.isArray(part) ? part.join(' >> ') : part))
        .join(' >>> ')
      const detail = node.failureSummary?.replace(/\s+/g, ' ').trim() ?? ''
      return `${violation.id} (${violation.impact ?? 'unknown impact'}) at ${target}: ${violation.help}. ${detail} [${violation.helpUrl}]`
    })
    const more = violation.nodes.length - SHOWN_PER_RULE
    if (more > 0) {
      lines.push(`${violation.id}: and ${more} more elements like these`)
    }
    return lines
  })
}

export interface AxeCheckOptions {
  /**
   * A CSS selector of an iframe: only the document inside it is checked
   * (the dashboard in a portal's frame, not the portal around it).
   */
  frame?: string
  /** A CSS selector of elements left out, such as a frame checked on its own. */
  exclude?: string
}

type AxeWindow = Window & { axe: typeof axe }

/**
 * axe inside one frame's document. AxeBuilder reaches child frames itself,
 * but gives each one second to load axe and then skips it, reporting it only
 * as "incomplete" (`frame-tested`): on a busy machine the frame would go
 * unchecked and the check pass. Here the frame is checked or the check fails.
 */
async function analyzeFrame(page: Page, selector: string): Promise<AxeResults> {
  const handle = await page.locator(selector).elementHandle()
  const frame = await handle.contentFrame()
  if (!frame) throw new Error(`No frame matches ${selector}`)
  await frame.evaluate(axe.source)
  return frame.evaluate(
    (tags) =>
      (window as unknown as AxeWindow).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
      }),
    [...WCAG_TAGS],
  )
}

/**
 * One `axe.run` in the page, as axe ran before its cross-frame mode: that
 * mode finishes every check in a second, blank page, which costs about a
 * second per state. Frames are checked on their own (`analyzeFrame`), and a
 * frame left unchecked is still reported as `frame-tested`.
 */
function pageBuilder(page: Page, exclude: string | undefined): AxeBuilder {
  const builder = new AxeBuilder({ page })
    .withTags([...WCAG_TAGS])
    .setLegacyMode(true)
  return exclude === undefined ? builder : builder.exclude(exclude)
}

/**
 * Runs axe on the page (or inside one frame of it) with the WCAG 2.1 A and
 * AA rules, and fails with every violation listed. No rule is turned off,
 * and a page whose frames axe could not enter fails too.
 */
export async function expectNoAxeViolations(
  page: Page,
  what: string,
  { frame, exclude }: AxeCheckOptions = {},
): Promise<void> {
  await settle(page)
  const results = frame
    ? await analyzeFrame(page, frame)
    : await pageBuilder(page, exclude).analyze()
  const unchecked = results.incomplete.filter(
    (result) => result.id === 'frame-tested',
  )
  expect(
    [
      ...describeViolations(results.violations),
      ...describeViolations(unchecked),
    ],
    `axe on ${what}`,
  ).toEqual([])
  // Something was checked: an empty or unreachable document passes nothing.
  expect(results.passes.length, `axe rules passed on ${what}`).toBeGreaterThan(
    0,
  )
}

/**
 * The same check with the system set to light, then to dark: the stylesheet
 * follows `prefers-color-scheme`, so the state on screen stays as it is.
 */
export async function expectNoAxeViolationsInEachTheme(
  page: Page,
  what: string,
  options: AxeCheckOptions = {},
): Promise<void> {
  for (const theme of THEMES) {
    await useTheme(page, theme)
    await expectNoAxeViolations(page, `${what} (${theme} theme)`, options)
  }
}

/** What the keyboard focus is on, and how it shows. */
export interface FocusStop {
  /** Tag, role and accessible text, for failure messages. */
  label: string
  /** The element matches `:focus-visible`. */
  focusVisible: boolean
  /** The outline drawn around it, or null. */
  outline: string | null
  /** A ring of 2px or more (a box-shadow spread), or null. */
  ring: string | null
  /** It has a size on screen. */
  onScreen: boolean
}

/** The page's focused element, or null when nothing (the body) has it. */
export async function focusStop(page: Page): Promise<FocusStop | null> {
  return page.evaluate(() => {
    const element = document.activeElement
    if (!(element instanceof HTMLElement) || element === document.body) {
      return null
    }
    const style = getComputedStyle(element)
    const outlineWidth = Number.parseFloat(style.outlineWidth)
    const outline =
      style.outlineStyle !== 'none' && outlineWidth >= 1
        ? `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`
        : null
    // Tailwind's focus rings are box-shadows "<colour> 0px 0px 0px <spread>";
    // the resting 1px ring of an input does not count.
    const ring =
      style.boxShadow
        .split(/,(?![^(]*\))/)
        .map((layer) => layer.trim())
        .find((layer) => {
          const spread = /0px 0px 0px (\d+(?:\.\d+)?)px/.exec(layer)?.[1]
          return spread !== undefined && Number.parseFloat(spread) >= 2
        }) ?? null
    const rect = element.getBoundingClientRect()
    const name =
      element.getAttribute('aria-label') ??
      element.textContent.trim().replace(/\s+/g, ' ').slice(0, 60)
    const role = element.getAttribute('role')
    return {
      label: `<${element.tagName.toLowerCase()}${role ? ` role=${role}` : ''}> ${name}`,
      focusVisible: element.matches(':focus-visible'),
      outline,
      ring,
      onScreen:
        rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden',
    }
  })
}

/**
 * Fails unless the focused element is on screen, matches `:focus-visible`
 * and draws an outline or a 2px+ ring.
 */
export async function expectVisibleFocus(page: Page): Promise<FocusStop> {
  const stop = await focusStop(page)
  expect(stop, 'something has the keyboard focus').not.toBeNull()
  if (!stop) throw new Error('unreachable')
  expect(
    {
      focusVisible: stop.focusVisible,
      indicator: stop.outline !== null || stop.ring !== null,
      onScreen: stop.onScreen,
    },
    `focus on ${stop.label} is visible`,
  ).toEqual({ focusVisible: true, indicator: true, onScreen: true })
  return stop
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, checking that
 * every stop on the way shows its focus. Fails after `max` stops, listing
 * them.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  { backwards = false, max = 40 }: { backwards?: boolean; max?: number } = {},
): Promise<void> {
  const stops: string[] = []
  for (let index = 0; index < max; index++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
    const stop = await expectVisibleFocus(page)
    stops.push(stop.label)
    if (await target.evaluate((element) => element === document.activeElement))
      return
  }
  throw new Error(
    `${String(target)} was not reached in ${max} ${backwards ? 'Shift+Tab' : 'Tab'} presses; focus went to:\n${stops.join('\n')}`,
  )
}
