/** Median of `runs` timings of `fn` (after one warm-up), in milliseconds. */
export async function medianMs(fn: () => Promise<void> | void, runs = 7): Promise<number> {
  await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] ?? NaN
}

/** One line of the report: ours, the baseline from the same run, and their ratio. */
export function report(
  name: string,
  ours: number,
  baselineName: string,
  baseline: number,
  per = 1,
): string {
  const fmt = (ms: number) =>
    ms / per < 1 ? `${((ms / per) * 1000).toFixed(1)} µs` : `${(ms / per).toFixed(2)} ms`
  return `${name.padEnd(64)} ${fmt(ours).padStart(11)}   ${baselineName.padEnd(40)} ${fmt(baseline).padStart(11)}   ×${(ours / baseline).toFixed(2)}`
}
