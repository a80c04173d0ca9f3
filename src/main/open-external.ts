/** Hosts the app may send the user to; everything else stays closed. */
const EXTERNAL_HOSTS: readonly string[] = ['www.mofa.go.jp', 'open-spaced-repetition.github.io']

/**
 * Opens `value` in the system browser when it is an https: URL on the allow-list
 * (Electron security item 15: never hand unchecked input to shell.openExternal).
 */
export async function openExternalUrl(
  value: unknown,
  open: (url: string) => Promise<void>,
  allowed: readonly string[] = EXTERNAL_HOSTS,
): Promise<boolean> {
  if (typeof value !== 'string') return false
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false
  if (!allowed.includes(url.hostname)) return false
  await open(url.href)
  return true
}
