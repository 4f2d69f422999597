/**
 * Triage measured in a process of its own (see triage.ts).
 *
 *   (started by the benchmark) triage-child.ts <db-file>
 */
import { sendResultAndExit } from './servers/child-ipc'
import { measureTriage } from './triage'

const db = process.argv[2]
if (!db) throw new Error('Usage: triage-child.ts <db-file>')
if (!globalThis.gc)
  throw new Error('Start with --expose-gc: memory figures need it')
sendResultAndExit(await measureTriage(db))
