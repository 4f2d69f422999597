/** One line of the benchmark table, and how the table is written. */

export type Verdict = 'pass' | 'fail' | null

export interface Row {
  /** What is measured: "Bundle", "Page load 4x", "Sandbox 100,000"... */
  measure: string
  case: string
  figures: string
  /** The target as written, or '' when the figure is only reported. */
  target: string
  verdict: Verdict
}

/** Pass when `value` is at most `limit`. */
export const atMost = (value: number, limit: number): Verdict =>
  value <= limit ? 'pass' : 'fail'

/** Pass when `value` is strictly under `limit`. */
export const below = (value: number, limit: number): Verdict =>
  value < limit ? 'pass' : 'fail'

export const formatMs = (value: number): string =>
  value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`

export const formatSeconds = (ms: number): string =>
  ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(2)} s`

export const formatKiB = (bytes: number): string =>
  `${(bytes / 1024).toFixed(1)} KiB`

export const formatMiB = (bytes: number): string =>
  `${(bytes / 1024 / 1024).toFixed(1)} MiB`

export const formatCount = (value: number): string =>
  value.toLocaleString('en-US')

const VERDICT_LABEL = { pass: 'pass', fail: '**FAIL**' } as const

const cell = (text: string): string =>
  text.replaceAll('|', '\\|').replaceAll('\n', ' ')

/** A GitHub-flavoured markdown table, columns padded so it also reads as text. */
export function markdownTable(rows: readonly Row[]): string {
  const header = ['Measure', 'Case', 'Figures', 'Target', 'Result']
  const body = rows.map((row) => [
    row.measure,
    row.case,
    row.figures,
    row.target === '' ? '—' : row.target,
    row.verdict === null ? '—' : VERDICT_LABEL[row.verdict],
  ])
  const lines = [header, ...body].map((cells) => cells.map(cell))
  const widths = header.map((_, column) =>
    Math.max(3, ...lines.map((cells) => (cells[column] ?? '').length)),
  )
  const format = (cells: readonly string[]) =>
    `| ${cells.map((text, column) => text.padEnd(widths[column] ?? 0)).join(' | ')} |`
  const [head = [], ...rest] = lines
  return [
    format(head),
    format(widths.map((width) => '-'.repeat(width))),
    ...rest.map(format),
  ].join('\n')
}

/** How many rows missed their target. */
export const failures = (rows: readonly Row[]): Row[] =>
  rows.filter((row) => row.verdict === 'fail')
