/**
 * The largest and smallest of many numbers, in a loop: `Math.max(...values)` passes every
 * value as an argument and overflows the stack past about 100,000 of them (issue 19: a CSV of
 * 200,000 rows stopped with "Maximum call stack size exceeded").
 */
export function largest<T>(items: Iterable<T>, valueOf: (item: T) => number, floor = -Infinity) {
  let most = floor
  for (const item of items) {
    const v = valueOf(item)
    if (v > most) most = v
  }
  return most
}

/** The smallest value of `items`, or `ceiling` when there is none smaller. */
export function smallest<T>(items: Iterable<T>, valueOf: (item: T) => number, ceiling = Infinity) {
  let least = ceiling
  for (const item of items) {
    const v = valueOf(item)
    if (v < least) least = v
  }
  return least
}

/** Appends every item of `more` to `list` (`list.push(...more)` overflows the stack on long lists). */
export function append<T>(list: T[], more: Iterable<T>): void {
  for (const item of more) list.push(item)
}
