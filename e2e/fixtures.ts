import { test as base, _electron, type ElectronApplication, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { ELECTRON_SKIP_REASON, electronBinary } from './electron-binary'

export type HostKind = 'serve' | 'electron'

export interface ParallaxApp {
  page: Page
  /** The test's own library folder (a copy of the sample library). */
  library: string
  kind: HostKind
  /** HTTP host only: base URL and token. */
  baseUrl?: string
  token?: string
  /** Electron only: the running app's main process (to stand in for native dialogs). */
  electronApp?: () => ElectronApplication
  /** Restarts the host on the same library and data (to check what survived). */
  restart: () => Promise<Page>
}

export const SCREENSHOTS = 'e2e-screenshots'

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo
      s.close(() => resolve(port))
    })
  })
}

/**
 * Starts `parallax serve` on a library folder. `shell` wraps the command: a shell command line
 * that runs its arguments ("$@") after preparing the process, e.g. lowering an OS limit.
 */
export async function startServe(library: string, home: string, port: number, shell?: string[]): Promise<{ proc: ChildProcess; url: string }> {
  // A fixed port per test keeps the origin (and the page's localStorage) across restarts.
  const command = [process.execPath, 'bin/parallax.js', 'serve', '--folder', library, '--port', String(port)]
  const [file = process.execPath, ...args] = shell ? [...shell, ...command] : command
  const proc = spawn(file, args, {
    env: { ...process.env, XDG_DATA_HOME: home, HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`parallax serve did not start:\n${out}`)), 20_000)
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /Open (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()))
    proc.on('exit', (code) => reject(new Error(`parallax serve exited with ${code}:\n${out}`)))
  })
  return { proc, url }
}

/** SIGTERM (the host flushes and exits), then SIGKILL if it has not gone within 10 s. */
export async function stopServe(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  proc.kill('SIGTERM')
  const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}

export const test = base.extend<{ hostKind: HostKind; app: ParallaxApp }>({
  hostKind: ['serve', { option: true }],
  app: async ({ hostKind, browser }, use, testInfo) => {
    const root = mkdtempSync(join(tmpdir(), 'parallax-e2e-'))
    const library = join(root, 'library')
    const home = join(root, 'home')
    mkdirSync(home)
    cpSync('resources/sample-library', library, { recursive: true })
    if (hostKind === 'electron') {
      const binary = electronBinary()
      testInfo.skip(!binary, ELECTRON_SKIP_REASON)
      const launch = async (): Promise<{ app: ElectronApplication; page: Page; close: () => Promise<void> }> => {
        const app = await _electron.launch({ executablePath: binary, args: ['.'], env: { ...process.env, PARALLAX_LIBRARY: library, PARALLAX_USER_DATA: join(root, 'user-data') } })
        const page = await app.firstWindow()
        return { app, page, close: () => app.close() }
      }
      let current = await launch()
      await use({
        page: current.page,
        library,
        kind: hostKind,
        electronApp: () => current.app,
        restart: async () => {
          await current.close()
          current = await launch()
          return current.page
        },
      })
      await current.close()
    } else {
      const port = await freePort()
      let server = await startServe(library, home, port)
      const context = await browser.newContext()
      let page = await context.newPage()
      page.on('pageerror', (e) => console.error('[pageerror]', e.message))
      await page.goto(server.url)
      const u = new URL(server.url)
      await use({
        page,
        library,
        kind: hostKind,
        baseUrl: u.origin,
        token: u.searchParams.get('token') ?? undefined,
        restart: async () => {
          await stopServe(server.proc)
          server = await startServe(library, home, port)
          await page.close()
          page = await context.newPage()
          await page.goto(server.url)
          return page
        },
      })
      await context.close()
      // Let the host finish its last writes before the folder is removed.
      await stopServe(server.proc)
    }
    rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  },
})

export { expect } from '@playwright/test'
