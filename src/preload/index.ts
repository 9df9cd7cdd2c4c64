import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { PreloadBridge } from '@shared/bridge'
import { IPC_EVENT_CHANNEL, IPC_IMPORT_FILES, IPC_PREFIX, IPC_SAVE_PDF, isMethodName, isTrustedOnly } from '@shared/method-names'

/**
 * The one object the renderer gets: a typed call per contract method (names checked here,
 * arguments checked again in main), an event subscription, and the import of dropped or
 * chosen files by their paths (File.path is gone since Electron 32).
 */
const bridge: PreloadBridge = {
  call: (method: string, args: unknown): Promise<unknown> => {
    if (!isMethodName(method)) return Promise.resolve({ ok: false, error: { code: 'not-found', message: `No such method: ${method}` } })
    if (isTrustedOnly(method)) return Promise.resolve({ ok: false, error: { code: 'forbidden', message: `${method} is called with files the user drops or chooses: use importFiles.` } })
    return ipcRenderer.invoke(IPC_PREFIX + method, args)
  },
  subscribe: (listener: (event: unknown) => void): (() => void) => {
    const handler = (_: unknown, event: unknown): void => listener(event)
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler)
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler)
  },
  /** Imports files the user dropped or chose: their paths are resolved here, never taken from the page. */
  importFiles: (files: File[]): Promise<unknown> => {
    const paths = files.map((f) => webUtils.getPathForFile(f)).filter(Boolean)
    if (paths.length === 0) return Promise.resolve({ ok: true, result: null })
    return ipcRenderer.invoke(IPC_IMPORT_FILES, paths)
  },
  savePdf: (scope: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_SAVE_PDF, scope),
}

contextBridge.exposeInMainWorld('parallaxHost', bridge)
