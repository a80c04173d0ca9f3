import { describe, expect, it, vi } from 'vitest'
import { openExternalUrl } from './open-external'

describe('openExternalUrl', () => {
  it('opens allow-listed https links', async () => {
    const open = vi.fn(async () => {})
    await expect(openExternalUrl('https://www.mofa.go.jp/policy/', open)).resolves.toBe(true)
    expect(open).toHaveBeenCalledWith('https://www.mofa.go.jp/policy/')
  })

  it.each<[unknown, string]>([
    ['http://www.mofa.go.jp/', 'not https'],
    ['https://evil.example/', 'host not allowed'],
    ['https://www.mofa.go.jp.evil.example/', 'look-alike host'],
    ['https://user:pw@www.mofa.go.jp/', 'credentials'],
    ['file:///etc/passwd', 'file URL'],
    ['javascript:alert(1)', 'script URL'],
    ['not a url', 'not a URL'],
    [42, 'not a string'],
  ])('refuses %s (%s)', async (value) => {
    const open = vi.fn(async () => {})
    await expect(openExternalUrl(value, open)).resolves.toBe(false)
    expect(open).not.toHaveBeenCalled()
  })
})
