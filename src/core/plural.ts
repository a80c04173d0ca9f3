/** A count with its noun: "1 card", "2 cards", "1 day"; `many` for an irregular plural. */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`
