/**
 * The benchmark suite: bundle sizes, page loads in Chromium, large pages of
 * the table, the sandbox at scale beside fake-seam-connect, the dashboard
 * server's overhead and triage at scale. Prints one markdown table and the
 * machine it ran on, and writes both to test-results/bench.md.
 *
 *   npm run bench -- --only bundle,sandbox --sizes 1000,10000 --runs 5
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

import { type BenchOptions, type Measure, parseBenchArgs, USAGE } from './args'
import { withBrowserSession } from './browser'
import { bundleRows } from './bundle'
import { largePageRows } from './large-pages'
import { describeMachine } from './machine'
import { pageLoadRows } from './page-load'
import { failures, markdownTable, type Row } from './report'
import { sandboxScaleRows } from './sandbox-scale'
import { ROOT_DIR } from './seeded-db'
import { serverOverheadRows } from './server-overhead'
import { triageRows } from './triage'

const log = (line: string) => {
  console.error(`[bench] ${line}`)
}

type Runner = (options: BenchOptions) => Promise<Row[]>

const runners: Record<Exclude<Measure, 'page-load' | 'large-pages'>, Runner> = {
  bundle: () => Promise.resolve(bundleRows(join(ROOT_DIR, 'dist'))),
  sandbox: (options) => sandboxScaleRows(options.sizes, log),
  overhead: (options) => serverOverheadRows(options.sizes, log),
  triage: (options) => triageRows(options.sizes, log),
}

const errorRow = (measure: string, error: unknown): Row => ({
  measure,
  case: 'could not run',
  figures: error instanceof Error ? error.message : String(error),
  target: '',
  verdict: 'fail',
})

async function run(options: BenchOptions): Promise<Row[]> {
  const rows: Row[] = []
  const browserMeasures = options.measures.filter(
    (m) => m === 'page-load' || m === 'large-pages',
  )
  for (const measure of options.measures) {
    if (measure === 'page-load' || measure === 'large-pages') {
      if (measure !== browserMeasures[0]) continue
      // One dashboard server and one browser for every browser measure.
      try {
        await withBrowserSession(log, async (session) => {
          if (browserMeasures.includes('page-load')) {
            rows.push(...(await pageLoadRows(session, options.runs, log)))
          }
          if (browserMeasures.includes('large-pages')) {
            rows.push(...(await largePageRows(session, options.runs, log)))
          }
        })
      } catch (error) {
        log(`browser measures failed: ${String(error)}`)
        rows.push(errorRow(browserMeasures.join(', '), error))
      }
      continue
    }
    log(`${measure}...`)
    try {
      rows.push(...(await runners[measure](options)))
    } catch (error) {
      log(
        `${measure} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      )
      rows.push(errorRow(measure, error))
    }
  }
  return rows
}

let options: BenchOptions
try {
  options = parseBenchArgs(process.argv.slice(2))
} catch (error) {
  console.error(
    `bench: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`,
  )
  process.exit(2)
}
if (options.help) {
  console.log(USAGE)
  process.exit(0)
}

const startedAt = new Date()
const machineAtStart = describeMachine()
const rows = await run(options)
const missed = failures(rows)
const report = [
  markdownTable(rows),
  '',
  `Machine: ${machineAtStart}. Taken ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`${['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ')}\`.`,
  missed.length === 0
    ? 'Every figure with a target met it.'
    : `${missed.length} figure${missed.length === 1 ? '' : 's'} missed ${missed.length === 1 ? 'its' : 'their'} target.`,
].join('\n')
console.log(report)
const out = resolve(ROOT_DIR, options.out)
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, `${report}\n`)
log(`written to ${out}`)
