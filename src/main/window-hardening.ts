/** The parts of Electron's WebContents that hardening touches (parameters, for Node tests). */
export interface ContentsLike {
  on(
    event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void; url?: string }, url?: string) => void,
  ): void
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void
  setPermissionCheckHandler(handler: () => boolean): void
}

/**
 * Denies every navigation, frame navigation, redirect and new window (Electron security items
 * 13 and 14). Links the user clicks go through `openExternal`, which applies its own
 * allow-list.
 */
export function lockNavigation(contents: ContentsLike, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    if (url) openExternal(url)
  })
  // A frame's navigation (an iframe a note might smuggle in) and a redirect while loading are
  // refused too; neither is handed to the browser.
  contents.on('will-frame-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url)
    return { action: 'deny' }
  })
}

/** The app needs no camera, notifications or other permissions: refuse them all (item 5). */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/** webPreferences for every window: isolated, sandboxed, no Node (items 2, 3, 4, 6). */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    // A middle click would open a link in a new window (Electron security checklist item 14).
    disableBlinkFeatures: 'Auxclick',
  } as const
}
