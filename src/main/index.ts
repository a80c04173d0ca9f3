// The thin Electron shell: everything with logic lives in modules that take Electron's calls
// as parameters (see ipc-registry, deck-loader, open-external, window-hardening) and is
// tested in Node without Electron.
import { BrowserWindow, app, ipcMain, protocol, safeStorage, session, shell } from 'electron'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  APP_INDEX_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appProtocolHandler,
} from './app-protocol'
import { developmentOverrides } from './development-overrides'
import { backupFolder } from './backup-folder'
import { guardClose } from './close-guard'
import { loadDecks } from './deck-loader'
import { nodeBackupFs } from './node-backup-fs'
import { nodeDeckFs } from './node-deck-fs'
import { registerIpcHandlers, rendererUrlCheck } from './ipc-registry'
import { syncPasswords } from './sync-passwords'
import { openExternalUrl } from './open-external'
import { denyAllPermissions, lockNavigation, secureWebPreferences } from './window-hardening'

// ELECTRON_RENDERER_URL and the ATTACHE_* variables count only in development and tests.
const dev = developmentOverrides(process.env, app.isPackaged)
const devServerUrl = dev.devServerUrl
const rendererDir = join(__dirname, '../renderer')
const isTrustedUrl = rendererUrlCheck(APP_INDEX_URL, devServerUrl)

// The built renderer is served from app://attache (see app-protocol), registered before ready.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])

function deckDirs(): string[] {
  const builtIn = app.isPackaged
    ? join(process.resourcesPath, 'decks')
    : join(app.getAppPath(), 'decks')
  return dev.extraDecksDir ? [builtIn, dev.extraDecksDir] : [builtIn]
}

let closeReady: () => void = () => undefined

// Every URL reaches shell.openExternal only through openExternalUrl's https allow-list.
const openOutside = (url: unknown) => openExternalUrl(url, (u) => shell.openExternal(u)) // eng-disable OPEN_EXTERNAL_JS_CHECK

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
  void win.loadURL(devServerUrl ?? APP_INDEX_URL)
}

// A user-data override lets e2e runs use a fresh profile per test.
if (dev.userDataDir) app.setPath('userData', dev.userDataDir)

// Automatic backups live beside the profile, in <userData>/backups.
const backups = backupFolder(join(app.getPath('userData'), 'backups'), nodeBackupFs)
// Sync passwords, sealed by the system keychain, in <userData>/sync-passwords.json.
const passwords = syncPasswords(
  join(app.getPath('userData'), 'sync-passwords.json'),
  { readFile, writeFile, rename },
  safeStorage,
)

app.enableSandbox()
void app.whenReady().then(() => {
  denyAllPermissions(session.defaultSession)
  protocol.handle(
    APP_SCHEME,
    appProtocolHandler(rendererDir, async (path) => new Uint8Array(await readFile(path))),
  )
  registerIpcHandlers(
    ipcMain,
    {
      loadDecks: () => loadDecks(deckDirs(), nodeDeckFs),
      openExternal: async ({ url }) => ({ opened: await openOutside(url) }),
      backupList: async () => ({ folder: backups.folder, files: await backups.list() }),
      backupAppend: async ({ name, bytes, first }) => {
        await backups.append(name, bytes, first)
        return { written: true as const }
      },
      backupCommit: async ({ name }) => {
        await backups.commit(name)
        return { written: true as const }
      },
      backupDiscard: async ({ name }) => {
        await backups.discard(name)
        return { removed: true as const }
      },
      backupRead: async ({ name, start, end }) => ({ bytes: await backups.read(name, start, end) }),
      backupRemove: async ({ name }) => {
        await backups.remove(name)
        return { removed: true as const }
      },
      closeReady: () => {
        closeReady()
        return { closing: true as const }
      },
      syncPasswordSave: async ({ server, user, password }) => {
        await passwords.save(server, user, password)
        return { saved: true as const }
      },
      syncPasswordLoad: async ({ server, user }) => ({
        password: await passwords.load(server, user),
      }),
      syncPasswordForget: async ({ server, user }) => {
        await passwords.forget(server, user)
        return { removed: true as const }
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
