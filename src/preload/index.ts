// Sandboxed preload (bundled as CommonJS): exposes one named function per IPC method and
// nothing else — no ipcRenderer, no generic send (Electron security item 20).
import { contextBridge, ipcRenderer } from 'electron'
import { IPC_METHODS, channelOf } from '../shared/ipc-methods'

const bridge = Object.fromEntries(
  IPC_METHODS.map((method) => [
    method,
    (request?: unknown) => ipcRenderer.invoke(channelOf(method), request),
  ]),
)

contextBridge.exposeInMainWorld('attache', Object.freeze(bridge))
