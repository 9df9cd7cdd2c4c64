import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import type { Handlers } from '@shared/contract'
import { dispatch, type Envelope } from '@shared/dispatch'
import { IPC_EVENT_CHANNEL, IPC_IMPORT_FILES, IPC_PREFIX, IPC_SAVE_PDF, METHOD_NAMES } from '@shared/method-names'
import type { ApiEvent } from '@shared/types'

/**
 * Registers one `ipcMain.handle` per contract method. Each call is checked twice before core
 * sees it: the sender must be the app's own page (not a frame or a page navigated elsewhere),
 * and the arguments must pass the contract's schema. Results and errors travel as values
 * ({ ok, result } / { ok, error }) because Electron strips custom error properties.
 */
export function registerIpc(handlers: Handlers, isAppUrl: (url: string) => boolean, savePdf: (scope: unknown) => Promise<Envelope>): void {
  const trusted = (event: IpcMainInvokeEvent): boolean => isAppUrl(event.senderFrame?.url ?? '') && !event.senderFrame?.parent
  const untrusted: Envelope = { ok: false, error: { code: 'forbidden', message: 'Request from an untrusted page.' } }
  // Paths only from the preload, which resolves them from File objects the user dropped or chose.
  ipcMain.handle(IPC_IMPORT_FILES, (event: IpcMainInvokeEvent, raw: unknown) => (trusted(event) ? dispatch(handlers, 'library.importPaths', { paths: raw }, { trusted: true }) : untrusted))
  ipcMain.handle(IPC_SAVE_PDF, (event: IpcMainInvokeEvent, scope: unknown) => (trusted(event) ? savePdf(scope) : untrusted))
  for (const method of METHOD_NAMES) {
    ipcMain.handle(IPC_PREFIX + method, (event: IpcMainInvokeEvent, raw: unknown) => (trusted(event) ? dispatch(handlers, method, raw) : untrusted))
  }
}

export function forwardEvents(win: BrowserWindow, subscribe: (l: (e: ApiEvent) => void) => () => void): void {
  const unsubscribe = subscribe((event) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, event)
  })
  win.on('closed', unsubscribe)
}
