import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, readSettings, readSettingsReport, settingValueProblem } from './settings'
import { memoryCollection } from './collection-writes'

describe('stored settings that cannot be used (issue 19)', () => {
  it('a row named like an Object member (toString, constructor, __proto__) is dropped and named, never thrown', async () => {
    const store = memoryCollection()
    for (const key of ['toString', 'constructor', '__proto__', 'hasOwnProperty'])
      await store.putSetting({ key, value: 1 })
    await store.putSetting({ key: 'theme', value: 'dark' })
    const { settings, dropped } = await readSettingsReport(store)
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' })
    expect(dropped).toEqual([
      '"toString" is not a setting of this app',
      '"constructor" is not a setting of this app',
      '"__proto__" is not a setting of this app',
      '"hasOwnProperty" is not a setting of this app',
    ])
    expect(Object.getPrototypeOf(settings)).toBe(Object.prototype)
  })

  it('a value its setting refuses falls back to the default and says which', async () => {
    const store = memoryCollection()
    await store.putSetting({ key: 'newPerDay', value: -3 })
    await store.putSetting({ key: 'rolloverHour', value: '4' })
    await store.putSetting({ key: 'reviewsPerDay', value: 150 })
    expect(await readSettings(store)).toEqual({ ...DEFAULT_SETTINGS, reviewsPerDay: 150 })
    expect((await readSettingsReport(store)).dropped).toEqual([
      '-3 is not a valid newPerDay',
      '"4" is not a valid rolloverHour',
    ])
  })

  it("the mock exams' history is a known row, not a setting", () => {
    expect(settingValueProblem('mockExams', [])).toBeNull()
    expect(settingValueProblem('valueOf', 0)).toMatch(/not a setting/)
  })
})
