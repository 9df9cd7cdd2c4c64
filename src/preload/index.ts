import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { IPC_EVENT_CHANNEL, IPC_PREFIX, isMethodName } from '../shared/method-names'

/**
 * The one object the renderer gets: a typed call per contract method (names checked here,
 * arguments checked again in main), an event subscription, and the path of a dropped file
 * (File.path is gone since Electron 32).
 */
const bridge = {
  call: (method: string, args: unknown): Promise<unknown> => {
    if (!isMethodName(method)) return Promise.resolve({ ok: false, error: { code: 'not-found', message: `No such method: ${method}` } })
    return ipcRenderer.invoke(IPC_PREFIX + method, args)
  },
  subscribe: (listener: (event: unknown) => void): (() => void) => {
    const handler = (_: unknown, event: unknown): void => listener(event)
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler)
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler)
  },
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
}

contextBridge.exposeInMainWorld('parallaxHost', bridge)

export type PreloadBridge = typeof bridge
