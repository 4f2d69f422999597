/** The machine the figures were taken on, in one line. */
import { execFileSync } from 'node:child_process'
import { cpus, loadavg, platform, release, totalmem } from 'node:os'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function chromiumVersion(): string {
  try {
    const out = execFileSync(CHROMIUM_PATH, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    return /Chromium\s+([\d.]+)/.exec(out)?.[1] ?? out.trim()
  } catch {
    return 'not found'
  }
}

export function describeMachine(): string {
  const cpuList = cpus()
  const model = (cpuList[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ')
  const speed = cpuList[0]?.speed
    ? ` @ ${(cpuList[0].speed / 1000).toFixed(1)} GHz`
    : ''
  const ram = `${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')
  return [
    `${model}${speed}, ${cpuList.length} cores, ${ram}`,
    `${platform()} ${release()}`,
    `Node ${process.version}`,
    `Chromium ${chromiumVersion()}`,
    `load average ${load} (1/5/15 min)`,
  ].join('; ')
}
