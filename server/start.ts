import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { main } from './index'

const rootDir = fileURLToPath(new URL('..', import.meta.url))
const builtIndex = join(rootDir, 'dist', 'index.html')
const buildInputs = [
  'src',
  'public',
  'index.html',
  'vite.config.ts',
  'tailwind.config.ts',
]

function newestChange(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false })
  if (!stats) return 0
  if (!stats.isDirectory()) return stats.mtimeMs
  // Folders are listed too: their mtime moves when a file inside is deleted
  // or renamed, which also makes the build stale.
  return readdirSync(path, { encoding: 'utf8', recursive: true })
    .map((name) => statSync(join(path, name)).mtimeMs)
    .reduce((newest, mtime) => Math.max(newest, mtime), stats.mtimeMs)
}

function isBuildStale(): boolean {
  const built = statSync(builtIndex, { throwIfNoEntry: false })
  if (!built) return true
  return buildInputs.some(
    (input) => newestChange(join(rootDir, input)) > built.mtimeMs,
  )
}

if (isBuildStale()) {
  console.log('Building the dashboard (dist/ is missing or out of date)...')
  // Vite is a dev dependency: load it only when a build is actually needed so
  // a production install with a prebuilt dist/ starts without it.
  const { build } = await import('vite')
  await build({ root: rootDir })
}

main()
