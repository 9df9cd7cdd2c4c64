import { app, BrowserWindow, dialog, Menu } from 'electron'
import { APP_INDEX_URL, isAppOrigin } from './app-url'
import { registerAppProtocol, serveAppProtocol } from './app-protocol'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defaultLibraryFolder, ensureLibraryFolder, sampleLibraryFolder } from '../node/library-folder'
import { startLibrary, type RunningLibrary } from '../app/start-library'
import { APP_VERSION } from '@shared/version'
import { forwardEvents, registerIpc } from './ipc'
import { saveReportAsPdf } from './pdf-report'
import { buildMenu } from './menu'
import { hardenApp } from './security'
import { loadWindowState, trackWindowState } from './window-state'

// Tests give every run its own profile and library (see e2e/fixtures.ts).
if (process.env.PARALLAX_USER_DATA) app.setPath('userData', process.env.PARALLAX_USER_DATA)

const here = fileURLToPath(new URL('.', import.meta.url))
const rendererDir = join(here, '../renderer')
const rendererUrl = process.env.ELECTRON_RENDERER_URL
// The renderer is served from app://parallax (never file://, where any local page would pass).
const isAppUrl = (url: string): boolean => (rendererUrl ? url.startsWith(rendererUrl) : isAppOrigin(url))
registerAppProtocol()

let running: RunningLibrary | undefined
let mainWindow: BrowserWindow | undefined

function settingsFile(): string {
  return join(app.getPath('userData'), 'settings.json')
}

function libraryFolder(): string {
  if (process.env.PARALLAX_LIBRARY) return process.env.PARALLAX_LIBRARY
  try {
    const saved = JSON.parse(readFileSync(settingsFile(), 'utf8')) as { libraryFolder?: string }
    if (saved.libraryFolder) return saved.libraryFolder
  } catch {
    // first run
  }
  return defaultLibraryFolder(app.getPath('documents'))
}

async function openLibrary(folder: string): Promise<RunningLibrary> {
  await ensureLibraryFolder(folder, sampleLibraryFolder(app.isPackaged ? process.resourcesPath : undefined))
  return startLibrary({ folder, fallbackDataFolder: join(app.getPath('userData'), 'library-data'), host: 'electron', version: APP_VERSION })
}

function createWindow(lib: RunningLibrary): BrowserWindow {
  const state = loadWindowState(app.getPath('userData'))
  const win = new BrowserWindow({
    width: 1320,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    ...state.bounds,
    show: false,
    title: 'Parallax',
    backgroundColor: '#faf8f5',
    autoHideMenuBar: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  if (state.maximized) win.maximize()
  trackWindowState(win, app.getPath('userData'))
  forwardEvents(win, (l) => lib.service.onEvent(l))
  win.once('ready-to-show', () => win.show())
  Menu.setApplicationMenu(buildMenu(win, lib.service, chooseLibrary))
  if (rendererUrl) void win.loadURL(rendererUrl)
  else void win.loadURL(APP_INDEX_URL)
  return win
}

async function chooseLibrary(): Promise<void> {
  if (!mainWindow) return
  const result = await dialog.showOpenDialog(mainWindow, { title: 'Open a library folder', properties: ['openDirectory', 'createDirectory'] })
  if (result.canceled || !result.filePaths[0]) return
  writeFileSync(settingsFile(), JSON.stringify({ libraryFolder: result.filePaths[0] }))
  // Simplest correct switch: restart on the new folder, so no handler keeps the old service.
  app.relaunch()
  app.exit(0)
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
  })
  hardenApp(isAppUrl)
  app
    .whenReady()
    .then(async () => {
      serveAppProtocol(rendererDir)
      try {
        running = await openLibrary(libraryFolder())
      } catch (error) {
        dialog.showErrorBox('Parallax could not open the library', `${libraryFolder()}\n\n${error instanceof Error ? error.message : String(error)}`)
        app.exit(1)
        return
      }
      const handlers = running.service.handlers
      registerIpc(handlers, isAppUrl, (scope) => saveReportAsPdf(handlers, scope, mainWindow))
      mainWindow = createWindow(running)
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0 && running) mainWindow = createWindow(running)
      })
    })
    .catch((error: unknown) => {
      // Nothing may start half-way: a failure here (the app:// protocol, the library) ends the app with a reason.
      dialog.showErrorBox('Parallax could not start', error instanceof Error ? error.message : String(error))
      app.exit(1)
    })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', (event) => {
    if (!running) return
    event.preventDefault()
    const r = running
    running = undefined
    void r.stop().finally(() => app.quit())
  })
}
