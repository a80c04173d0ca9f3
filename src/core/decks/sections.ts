/** Whether a fact's section path lies within `prefix` (a part, or a heading inside it). */
export function inSection(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p)
}

/**
 * The distinct section paths of a deck, every level (or down to `maxDepth`), parents before
 * children, in the order the deck first uses them: the Sections screen's tree.
 */
export function sectionPaths(
  paths: readonly (readonly string[])[],
  maxDepth = Infinity,
): string[][] {
  const seen = new Set<string>()
  const out: string[][] = []
  for (const path of paths) {
    for (let depth = 1; depth <= Math.min(maxDepth, path.length); depth++) {
      const prefix = path.slice(0, depth)
      const key = prefix.join('\u0000')
      if (seen.has(key)) continue
      seen.add(key)
      out.push([...prefix])
    }
  }
  return out
}
