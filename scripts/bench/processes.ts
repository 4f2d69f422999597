/**
 * Servers under test run in their own processes, so their memory is theirs
 * alone and the client measuring them does not share their event loop.
 */
import {
  type ChildProcess,
  execFileSync,
  fork,
  spawn,
} from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'

import { ROOT_DIR } from './seeded-db'

export interface Memory {
  rss: number
  heapUsed: number
}

/** What a benchmark child sends its parent. */
export type ChildMessage =
  | { type: 'ready'; url: string; apiKey: string }
  | { type: 'memory'; memory: Memory }
  | { type: 'result'; result: unknown }

/** What a parent asks a benchmark child. */
export type ParentMessage = { type: 'memory' }

export interface RunningServer {
  pid: number
  url: string
  apiKey: string
  /** Resident set size of the process now, from the OS. */
  rss(): number
  stop(): Promise<void>
}

export interface BenchChild extends RunningServer {
  /** Heap and RSS after a full garbage collection in the child. */
  memory(): Promise<Memory>
}

/** Node flags of every child: TypeScript through tsx, and a callable gc. */
const EXEC_ARGV = ['--import', 'tsx', '--expose-gc']

/** Resident set size of a process, in bytes (Linux: /proc; elsewhere: ps). */
export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]
    if (kb !== undefined) return Number(kb) * 1024
  } catch {
    // Not Linux: ask ps.
  }
  const kb = Number(
    execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], {
      encoding: 'utf8',
    }).trim(),
  )
  if (!Number.isFinite(kb)) {
    throw new Error(`cannot read the memory of process ${pid}`)
  }
  return kb * 1024
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve()
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = ''
  stream?.setEncoding('utf8')
  stream?.on('data', (chunk: string) => {
    // Keep the end: the reason a process failed is in its last lines.
    text = (text + chunk).slice(-4_000)
  })
  return () => text.trim()
}

/** Starts `scripts/bench/<entry>` and waits for it to say it is ready. */
export function startBenchChild(
  entry: string,
  args: readonly string[],
): Promise<BenchChild> {
  const child = fork(join(ROOT_DIR, 'scripts', 'bench', entry), [...args], {
    cwd: ROOT_DIR,
    execArgv: EXEC_ARGV,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  const stderr = collect(child.stderr)
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => {
      reject(
        new Error(
          `${entry} exited (${code ?? 'signal'}) before it was ready: ${stderr() || 'no output'}`,
        ),
      )
    }
    child.once('exit', onExit)
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'ready') return
      child.off('exit', onExit)
      const pid = child.pid ?? 0
      resolve({
        pid,
        url: message.url,
        apiKey: message.apiKey,
        rss: () => rssOf(pid),
        memory: () =>
          new Promise((answer, fail) => {
            const gone = () => {
              fail(new Error(`${entry} exited: ${stderr() || 'no output'}`))
            }
            const listener = (reply: ChildMessage) => {
              if (reply.type !== 'memory') return
              child.off('message', listener)
              child.off('exit', gone)
              answer(reply.memory)
            }
            child.on('message', listener)
            child.once('exit', gone)
            child.send({ type: 'memory' } satisfies ParentMessage)
          }),
        stop: () => stopProcess(child),
      })
    })
  })
}

/** Runs `scripts/bench/<entry>` to completion and returns the result it sends. */
export function runBenchChild<T>(
  entry: string,
  args: readonly string[],
  onLine: (line: string) => void,
): Promise<T> {
  const child = fork(join(ROOT_DIR, 'scripts', 'bench', entry), [...args], {
    cwd: ROOT_DIR,
    execArgv: EXEC_ARGV,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  child.stdout?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line.trim()) onLine(line)
  })
  const stderr = collect(child.stderr)
  return new Promise((resolve, reject) => {
    let result: { value: T } | undefined
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'result') result = { value: message.result as T }
    })
    child.once('exit', (code) => {
      if (result && code === 0) resolve(result.value)
      else {
        reject(
          new Error(
            `${entry} failed (exit ${code ?? 'signal'}): ${stderr() || 'no output'}`,
          ),
        )
      }
    })
  })
}

/** A port free right now on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => {
        resolve(port)
      })
    })
  })
}

async function waitUntilHealthy(
  url: string,
  child: ChildProcess,
  output: () => string,
) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `the dashboard server exited (${child.exitCode}): ${output() || 'no output'}`,
      )
    }
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(
    `the dashboard server did not answer /healthz within 60 s: ${output()}`,
  )
}

/**
 * The real dashboard server (`server/index.ts`) with the given environment,
 * on a free loopback port.
 */
export async function startDashboard(
  /** Variables to set; undefined leaves one of the defaults below unset. */
  env: Record<string, string | undefined>,
): Promise<RunningServer> {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    [...EXEC_ARGV, join(ROOT_DIR, 'server', 'index.ts')],
    {
      cwd: ROOT_DIR,
      env: Object.fromEntries(
        Object.entries({
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          HOST: '127.0.0.1',
          PORT: String(port),
          EMBED_DEMO_PORT: '0',
          AUDIT_DB: ':memory:',
          ...env,
        }).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
      // The request log goes to /dev/null: read here, it would cost the
      // measuring process (the client) time of its own.
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  const stderr = collect(child.stderr)
  const url = `http://127.0.0.1:${port}`
  try {
    await waitUntilHealthy(url, child, stderr)
  } catch (error) {
    await stopProcess(child)
    throw error
  }
  const pid = child.pid ?? 0
  return {
    pid,
    url,
    apiKey: '',
    rss: () => rssOf(pid),
    stop: () => stopProcess(child),
  }
}
