/**
 * The development and test variables the shell reads: the dev server's URL (electron-vite),
 * an extra decks folder and a fresh profile folder (the e2e suite). A packaged app ignores
 * them all, so nobody can point an installed Attaché at another page, other decks or another
 * profile through its environment.
 */
export interface DevelopmentOverrides {
  devServerUrl?: string
  extraDecksDir?: string
  userDataDir?: string
}

export function developmentOverrides(
  env: Record<string, string | undefined>,
  isPackaged: boolean,
): DevelopmentOverrides {
  if (isPackaged) return {}
  const out: DevelopmentOverrides = {}
  const devServerUrl = env['ELECTRON_RENDERER_URL']
  const extraDecksDir = env['ATTACHE_EXTRA_DECKS_DIR']
  const userDataDir = env['ATTACHE_USER_DATA_DIR']
  if (devServerUrl) out.devServerUrl = devServerUrl
  if (extraDecksDir) out.extraDecksDir = extraDecksDir
  if (userDataDir) out.userDataDir = userDataDir
  return out
}
