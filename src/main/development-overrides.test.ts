import { describe, expect, it } from 'vitest'
import { developmentOverrides } from './development-overrides'

const env = {
  ELECTRON_RENDERER_URL: 'http://localhost:5173/',
  ATTACHE_EXTRA_DECKS_DIR: '/tmp/decks',
  ATTACHE_USER_DATA_DIR: '/tmp/profile',
  PATH: '/usr/bin',
}

describe('development variables', () => {
  it('are read while developing and testing', () => {
    expect(developmentOverrides(env, false)).toEqual({
      devServerUrl: 'http://localhost:5173/',
      extraDecksDir: '/tmp/decks',
      userDataDir: '/tmp/profile',
    })
    expect(developmentOverrides({}, false)).toEqual({})
  })

  it('are ignored by a packaged app', () => {
    expect(developmentOverrides(env, true)).toEqual({})
  })
})
