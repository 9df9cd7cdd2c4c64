import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { ApiError, parseArgs, type Handlers } from '../shared/contract'
import { IPC_EVENT_CHANNEL, IPC_IMPORT_FILES, IPC_PREFIX, isTrustedOnly, METHOD_NAMES } from '../shared/method-names'
import type { ApiEvent } from '../shared/types'

/**
 * Registers one `ipcMain.handle` per contract method. Each call is checked twice before core
 * sees it: the sender must be the app's own page (not a frame or a page navigated elsewhere),
 * and the arguments must pass the contract's schema. Results and errors travel as values
 * ({ ok, result } / { ok, error }) because Electron strips custom error properties.
 */
export function registerIpc(handlers: Handlers, isAppUrl: (url: string) => boolean): void {
  const trusted = (event: IpcMainInvokeEvent): boolean => isAppUrl(event.senderFrame?.url ?? '') && !event.senderFrame?.parent
  // Paths only from the preload, which resolves them from File objects the user dropped or chose.
  ipcMain.handle(IPC_IMPORT_FILES, (event: IpcMainInvokeEvent, raw: unknown) => (trusted(event) ? dispatch(handlers, 'library.importPaths', { paths: raw }) : forbidden('Request from an untrusted page.')))
  for (const method of METHOD_NAMES) {
    ipcMain.handle(IPC_PREFIX + method, async (event: IpcMainInvokeEvent, raw: unknown) => {
      if (!trusted(event)) return forbidden('Request from an untrusted page.')
      if (isTrustedOnly(method)) return forbidden(`${method} is called by the app itself, with files you drop or choose.`)
      return dispatch(handlers, method, raw)
    })
  }
}

function forbidden(message: string): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code: 'forbidden', message } }
}

async function dispatch(handlers: Handlers, method: (typeof METHOD_NAMES)[number], raw: unknown): Promise<unknown> {
  try {
    const args = parseArgs(method, raw)
    const result = await (handlers[method] as (a: unknown) => Promise<unknown>)(args)
    return { ok: true, result }
  } catch (error) {
    return {
      ok: false,
      error: { code: error instanceof ApiError ? error.code : 'internal', message: error instanceof Error ? error.message : String(error) },
    }
  }
}

export function forwardEvents(win: BrowserWindow, subscribe: (l: (e: ApiEvent) => void) => () => void): void {
  const unsubscribe = subscribe((event) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, event)
  })
  win.on('closed', unsubscribe)
}
