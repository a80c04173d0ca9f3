import { afterEach, describe, expect, it } from 'vitest'
import { isTimeZone, utcOffsetMinutes } from './time-zone'

const zone = process.env['TZ']
afterEach(() => {
  if (zone === undefined) delete process.env['TZ']
  else process.env['TZ'] = zone
})

describe('UTC offsets of named time zones', () => {
  it('knows fixed, half-hour and daylight-saving zones at a given instant', () => {
    const winter = Date.UTC(2026, 0, 15, 12)
    const summer = Date.UTC(2026, 6, 15, 12)
    expect(utcOffsetMinutes(winter, 'Asia/Tokyo')).toBe(540)
    expect(utcOffsetMinutes(summer, 'Asia/Tokyo')).toBe(540)
    expect(utcOffsetMinutes(winter, 'America/New_York')).toBe(-300)
    expect(utcOffsetMinutes(summer, 'America/New_York')).toBe(-240)
    expect(utcOffsetMinutes(winter, 'Asia/Kathmandu')).toBe(345)
    expect(utcOffsetMinutes(winter, 'Australia/Lord_Howe')).toBe(660)
    expect(utcOffsetMinutes(summer, 'Australia/Lord_Howe')).toBe(630)
    expect(utcOffsetMinutes(summer, 'UTC')).toBe(0)
  })

  it('changes at the instant daylight saving starts (New York, 2026-03-08 07:00 UTC)', () => {
    const change = Date.UTC(2026, 2, 8, 7)
    expect(utcOffsetMinutes(change - 1, 'America/New_York')).toBe(-300)
    expect(utcOffsetMinutes(change, 'America/New_York')).toBe(-240)
  })

  it("agrees with the machine's clock when the machine is in that zone", () => {
    process.env['TZ'] = 'Europe/Berlin'
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 86_400_000 / 3)
      expect(utcOffsetMinutes(ms, 'Europe/Berlin')).toBe(utcOffsetMinutes(ms))
  })

  it('tells names it knows from names it does not', () => {
    expect(isTimeZone('Asia/Tokyo')).toBe(true)
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false)
    expect(isTimeZone('')).toBe(false)
    expect(() => utcOffsetMinutes(0, 'Mars/Olympus_Mons')).toThrow(RangeError)
  })
})
