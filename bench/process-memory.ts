import { readFileSync, readdirSync } from 'node:fs'

/**
 * The proportional set size (PSS: shared pages split among their users, so nothing is counted
 * twice) of the processes whose command line holds `marker` and of all their descendants, in
 * bytes, from /proc (Linux). The bench gives Chromium a marker switch to find its processes.
 */
export function treeMemory(marker: string): number {
  const parent = new Map<number, number>()
  const roots: number[] = []
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      // The fields after the command name, which may hold spaces and parentheses.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      parent.set(pid, Number(rest[1]))
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) roots.push(pid)
    } catch {
      // The process ended while it was read.
    }
  }
  const inTree = (pid: number) => {
    for (let p: number | undefined = pid; p && p > 1; p = parent.get(p))
      if (roots.includes(p)) return true
    return false
  }
  let total = 0
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
      total += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024
    } catch {
      // Ended, or not ours to read.
    }
  }
  return total
}

/** Samples `treeMemory(marker)` every `everyMs` until stopped; resolves to the samples' peak. */
export function samplePeak(marker: string, everyMs = 250) {
  let peak = treeMemory(marker)
  const timer = setInterval(() => {
    peak = Math.max(peak, treeMemory(marker))
  }, everyMs)
  return {
    stop: () => {
      clearInterval(timer)
      return Math.max(peak, treeMemory(marker))
    },
  }
}
