import { afterEach, describe, expect, it } from 'vitest'
import { dayIndexer, studyDayAt } from './study-queue'
import { DEFAULT_SETTINGS } from './settings'

const zone = process.env['TZ']
afterEach(() => {
  if (zone === undefined) delete process.env['TZ']
  else process.env['TZ'] = zone
})

describe('counting many logs by study day', () => {
  // Zones with whole-hour, half-hour and 45-minute offsets, and daylight saving of an hour and
  // of half an hour (Lord Howe), across both of this year's changes.
  it.each([
    'UTC',
    'Asia/Tokyo',
    'America/New_York',
    'Europe/London',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
  ])(
    'gives every time the same day as computing it afresh (%s)',
    (tz) => {
      process.env['TZ'] = tz
      const wrong: string[] = []
      let compared = 0
      for (const rolloverHour of [0, 4, 23]) {
        const settings = { ...DEFAULT_SETTINGS, rolloverHour }
        const dayOf = dayIndexer(settings)
        const start = Date.UTC(2026, 0, 1)
        // Every 7 minutes for a year, so every quarter hour is met from both sides.
        for (let ms = start; ms < start + 365 * 86_400_000; ms += 7 * 60_000) {
          compared++
          if (dayOf(ms) !== studyDayAt(settings, new Date(ms)).index)
            wrong.push(`rollover ${rolloverHour}: ${new Date(ms).toISOString()}`)
        }
      }
      expect(compared).toBeGreaterThan(200_000)
      expect(wrong.slice(0, 5)).toEqual([])
    },
    60_000,
  )
})
