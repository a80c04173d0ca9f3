import Papa from 'papaparse'
import type { HistoryEntry } from '../../stats/fsrs-items'
import { ImportError } from '../import-error'
import { strictUtf8 } from '../text-decoding'
import { isTimeInRange } from '../time-range'

/**
 * A review log in the FSRS projects' CSV (`card_id,review_rating,review_time,review_duration`,
 * py-fsrs and the optimizer's benchmarks): one entry per row; a bad row is named by its line.
 */
export function readReviewLogCsv(bytes: Uint8Array, file: string): HistoryEntry[] {
  const text = strictUtf8(bytes)
  if (text === null) throw new ImportError(file, null, 'not UTF-8 text')
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  })
  const fields = parsed.meta.fields ?? []
  for (const needed of ['card_id', 'review_rating', 'review_time'])
    if (!fields.includes(needed)) throw new ImportError(file, 'line 1', `no "${needed}" column`)
  return parsed.data.map((row, i) => {
    const at = Date.parse(row.review_time ?? '')
    const rating = Number(row.review_rating)
    if (!isTimeInRange(at) || !Number.isInteger(rating) || rating < 0 || rating > 4)
      throw new ImportError(
        file,
        `line ${i + 2}`,
        'needs a review_time date from 1970 to 2200 and a review_rating from 1 to 4',
      )
    return { cardId: String(row.card_id), at, rating }
  })
}
