// The thin Electron shell: everything with logic lives in modules that take Electron's calls
// as parameters (see ipc-registry, deck-loader, open-external, window-hardening) and is
// tested in Node without Electron.
import { BrowserWindow, app, ipcMain, session, shell } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { backupFolder } from './backup-folder'
import { guardClose } from './close-guard'
import { loadDecks } from './deck-loader'
import { nodeBackupFs } from './node-backup-fs'
import { nodeDeckFs } from './node-deck-fs'
import { registerIpcHandlers, rendererUrlCheck } from './ipc-registry'
import { openExternalUrl } from './open-external'
import { denyAllPermissions, lockNavigation, secureWebPreferences } from './window-hardening'

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
const indexHtml = join(__dirname, '../renderer/index.html')
const isTrustedUrl = rendererUrlCheck(pathToFileURL(indexHtml).href, devServerUrl)

function deckDirs(): string[] {
  const builtIn = app.isPackaged
    ? join(process.resourcesPath, 'decks')
    : join(app.getAppPath(), 'decks')
  const extra = process.env['ATTACHE_EXTRA_DECKS_DIR']
  return extra ? [builtIn, extra] : [builtIn]
}

let closeReady: () => void = () => undefined

const openOutside = (url: unknown) => openExternalUrl(url, (u) => shell.openExternal(u))

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1100,
    height: 780,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Attaché',
    backgroundColor: '#1b1d23',
    // The hardened preferences, with the ones that matter most written out here as well, so a
    // reader (and electronegativity's scan, which reads this literal) sees them at a glance.
    webPreferences: {
      ...secureWebPreferences(join(__dirname, '../preload/index.cjs')),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  lockNavigation(win.webContents, (url) => void openOutside(url))
  // The renderer backs up a changed collection before the window goes (issue 9).
  closeReady = guardClose(win, 15_000)
  win.once('ready-to-show', () => win.show())
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadFile(indexHtml)
}

// A user-data override lets e2e runs use a fresh profile per test.
const userData = process.env['ATTACHE_USER_DATA_DIR']
if (userData) app.setPath('userData', userData)

// Automatic backups live beside the profile, in <userData>/backups.
const backups = backupFolder(join(app.getPath('userData'), 'backups'), nodeBackupFs)

app.enableSandbox()
void app.whenReady().then(() => {
  denyAllPermissions(session.defaultSession)
  registerIpcHandlers(
    ipcMain,
    {
      loadDecks: () => loadDecks(deckDirs(), nodeDeckFs),
      openExternal: async ({ url }) => ({ opened: await openOutside(url) }),
      backupList: async () => ({ folder: backups.folder, files: await backups.list() }),
      backupWrite: async ({ name, bytes }) => {
        await backups.write(name, bytes)
        return { written: true as const }
      },
      backupRead: async ({ name }) => ({ bytes: await backups.read(name) }),
      backupRemove: async ({ name }) => {
        await backups.remove(name)
        return { removed: true as const }
      },
      closeReady: () => {
        closeReady()
        return { closing: true as const }
      },
    },
    isTrustedUrl,
  )
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
