/** A colour as 8-bit sRGB channels. */
type Rgb = readonly [number, number, number]

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i

/** `rgb`, `rrggbb`, with or without `#`, as lowercase `#rrggbb`; otherwise null. */
export function parseAccent(value: string): string | null {
  const match = HEX.exec(value.trim())
  const digits = match?.[1]?.toLowerCase()
  if (digits === undefined) return null
  return `#${digits.length === 3 ? digits.replace(/./g, '$&$&') : digits}`
}

function toRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16)
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff]
}

function toHex(rgb: Rgb): string {
  return `#${rgb
    .map((channel) =>
      Math.round(Math.min(255, Math.max(0, channel)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
}

/** WCAG 2 relative luminance of a `#rrggbb` colour, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const linear = (channel: number) => {
    const c = channel / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const [r, g, b] = toRgb(hex)
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/** WCAG 2 contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a)
  const lb = relativeLuminance(b)
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}

export const BLACK = '#000000'
export const WHITE = '#ffffff'

/** Black or white, whichever reads better on the colour. */
export function readableForeground(background: string): string {
  return contrastRatio(background, BLACK) >= contrastRatio(background, WHITE)
    ? BLACK
    : WHITE
}

/** `amount` (0-1) of `to` mixed into `from`. */
export function mix(from: string, to: string, amount: number): string {
  const a = toRgb(from)
  const b = toRgb(to)
  return toHex([
    a[0] + (b[0] - a[0]) * amount,
    a[1] + (b[1] - a[1]) * amount,
    a[2] + (b[2] - a[2]) * amount,
  ])
}

/**
 * The colour moved towards `toward` in small steps until it has `ratio`
 * against `background` (or is `toward` itself).
 */
function untilContrast(
  color: string,
  background: string,
  ratio: number,
  toward: string,
): string {
  let current = color
  for (let step = 1; contrastRatio(current, background) < ratio; step++) {
    if (step > 20) return toward
    current = mix(color, toward, step / 20)
  }
  return current
}

/** The page backgrounds that accent text sits on: white, and zinc-900 in dark. */
const LIGHT_SURFACE = WHITE
const DARK_SURFACE = '#18181b'

export type AccentShade =
  50 | 100 | 200 | 300 | 400 | 500 | 600 | 700 | 800 | 900 | 950

/**
 * The CSS custom properties that turn the brand palette into the portal's
 * accent. The primary button is the accent itself with black or white text;
 * the shades used for text (700, 800 on light; 200, 300 on dark) are moved
 * towards black or white until they stay readable on the page.
 */
export function accentProperties(accent: string): Record<string, string> {
  const foreground = readableForeground(accent)
  const tint = (amount: number) => mix(WHITE, accent, amount)
  const shade = (amount: number) => mix(accent, BLACK, amount)
  const scale: Record<AccentShade, string> = {
    50: tint(0.08),
    100: tint(0.16),
    200: untilContrast(tint(0.35), DARK_SURFACE, 7, WHITE),
    300: untilContrast(tint(0.55), DARK_SURFACE, 4.5, WHITE),
    400: tint(0.8),
    500: accent,
    600: accent,
    700: untilContrast(shade(0.15), LIGHT_SURFACE, 4.5, BLACK),
    800: untilContrast(shade(0.3), LIGHT_SURFACE, 7, BLACK),
    900: shade(0.45),
    950: shade(0.6),
  }
  const properties: Record<string, string> = {
    '--accent': accent,
    '--accent-fg': foreground,
    // Hover moves away from the text colour, so the text stays readable.
    '--accent-hover':
      foreground === WHITE ? mix(accent, BLACK, 0.15) : mix(accent, WHITE, 0.2),
  }
  for (const [key, value] of Object.entries(scale)) {
    properties[`--accent-${key}`] = value
  }
  return properties
}

/** Paints the brand colours of this page in the accent. */
export function applyAccent(root: HTMLElement, accent: string): void {
  for (const [name, value] of Object.entries(accentProperties(accent))) {
    root.style.setProperty(name, value)
  }
  root.dataset.accent = ''
}
