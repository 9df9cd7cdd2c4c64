import { BrowserWindow, dialog, session } from 'electron'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Handlers } from '@shared/contract'
import { dispatch, type Envelope } from '@shared/dispatch'
import type { ExportFile, SavedPdf } from '@shared/types'
import { writeAtomically } from '../node/atomic-write'

let printing: Electron.Session | undefined

/** An in-memory session of its own (set up once): no cookies, no storage, every permission refused, nothing fetched. */
function printSession(): Electron.Session {
  if (printing) return printing
  const s = (printing = session.fromPartition('parallax-print'))
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  s.setPermissionCheckHandler(() => false)
  // The report is self-contained: any request beyond its own file (an image a note named) is refused.
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('file:') }))
  return s
}

/**
 * Prints an HTML report to PDF with Chromium's print engine: the report is loaded from a
 * temporary file into a hidden window that runs no script and has no preload, then printed
 * with its print stylesheet (A4, backgrounds kept so highlights show in their colours).
 */
export async function printHtmlToPdf(html: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'parallax-print-'))
  const file = join(dir, 'report.html')
  const win = new BrowserWindow({
    show: false,
    webPreferences: { session: printSession(), javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true },
  })
  try {
    await writeFile(file, html)
    await win.loadFile(file)
    return await win.webContents.printToPDF({
      printBackground: true,
      pageSize: 'A4',
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: '<div style="width:100%;text-align:center;font:8px sans-serif;color:#6b665d"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    })
  } finally {
    win.destroy()
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * The desktop's "Save as PDF…": the HTML report of the scope is made by the same export as the
 * HTML format, printed, and written where the user chose in the save dialog — through a
 * temporary file and a rename, so a failure leaves nothing half-written. The result is the
 * saved path, or null when the user cancelled.
 */
export async function saveReportAsPdf(handlers: Handlers, scope: unknown, parent: BrowserWindow | undefined): Promise<Envelope> {
  const report = await dispatch(handlers, 'export.run', { scope, format: 'html' })
  if (!report.ok) return report
  const file = report.result as ExportFile
  try {
    // Where first, then the printing: a cancelled dialog costs no print.
    const options = { title: 'Save the report as PDF', defaultPath: file.fileName.replace(/\.html?$/i, '.pdf'), filters: [{ name: 'PDF', extensions: ['pdf'] }] }
    const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
    if (choice.canceled || !choice.filePath) return { ok: true, result: null }
    const pdf = await printHtmlToPdf(file.content)
    await writeAtomically(choice.filePath, (handle) => handle.writeFile(pdf))
    const saved: SavedPdf = { path: choice.filePath, counts: file.counts }
    return { ok: true, result: saved }
  } catch (error) {
    return { ok: false, error: { code: 'not-saved', message: `The PDF could not be made or saved: ${error instanceof Error ? error.message : String(error)}` } }
  }
}
