// Sandboxed preload (bundled as CommonJS): exposes one named function per IPC method and
// nothing else — no ipcRenderer, no generic send (Electron security item 20).
import { contextBridge, ipcRenderer } from 'electron'
import { CLOSE_REQUESTED_CHANNEL, IPC_METHODS, channelOf } from '../shared/ipc-methods'

const bridge = Object.fromEntries(
  IPC_METHODS.map((method) => [
    method,
    (request?: unknown) => ipcRenderer.invoke(channelOf(method), request),
  ]),
)

// The one message main sends: the window is closing. The page gets a call, never the event.
const onCloseRequested = (listener: unknown) => {
  if (typeof listener !== 'function') return
  ipcRenderer.on(CLOSE_REQUESTED_CHANNEL, () => void listener())
}

contextBridge.exposeInMainWorld('attache', Object.freeze({ ...bridge, onCloseRequested }))
