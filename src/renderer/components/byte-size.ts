const unit = (value: number, name: 'kilobyte' | 'megabyte' | 'gigabyte', digits: number) =>
  new Intl.NumberFormat(undefined, {
    style: 'unit',
    unit: name,
    maximumFractionDigits: digits,
  }).format(value)

/** A size for people: KB under a megabyte, MB under a gigabyte, else GB (binary units). */
export function byteSize(bytes: number): string {
  if (bytes < 2 ** 20) return unit(Math.max(1, Math.round(bytes / 2 ** 10)), 'kilobyte', 0)
  if (bytes < 2 ** 30) return unit(bytes / 2 ** 20, 'megabyte', 1)
  return unit(bytes / 2 ** 30, 'gigabyte', 1)
}
