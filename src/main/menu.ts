import { app, dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import type { ParallaxService } from '../app/parallax-service'

/** The application menu: import, reveal the library, standard edit/view/window menus. */
export function buildMenu(win: BrowserWindow, service: ParallaxService, chooseLibrary: () => Promise<void>): Menu {
  const isMac = process.platform === 'darwin'
  const importFiles = async (): Promise<void> => {
    const result = await dialog.showOpenDialog(win, {
      title: 'Import articles',
      properties: ['openFile', 'openDirectory', 'multiSelections'],
      filters: [
        { name: 'Articles', extensions: ['txt', 'md', 'markdown', 'html', 'htm'] },
        { name: 'All files', extensions: ['*'] },
      ],
    })
    if (result.canceled || result.filePaths.length === 0) return
    const report = await service.handlers['library.importPaths']({ paths: result.filePaths })
    const parts = [`${report.imported.length} imported`]
    if (report.duplicates.length) parts.push(`${report.duplicates.length} already in the library`)
    if (report.rejected.length) parts.push(`${report.rejected.length} not readable (${report.rejected.map((r) => `${r.name}: ${r.reason}`).join('; ')})`)
    service.notify(report.rejected.length ? 'warning' : 'info', parts.join(', ') + '.')
  }
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+O', click: () => void importFiles() },
        { label: 'Open Library Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => void chooseLibrary() },
        { label: 'Show Library in File Manager', click: () => void shell.openPath(service.libraryFolder) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }, ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }])],
    },
    { role: 'windowMenu' },
  ]
  return Menu.buildFromTemplate(template)
}
