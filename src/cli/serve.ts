import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defaultLibraryFolder, ensureLibraryFolder, sampleLibraryFolder } from '../node/library-folder'
import { startLibrary } from '../app/start-library'
import { startHttpHost } from '../server/http-host'
import { APP_VERSION } from '@shared/version'

/** `parallax serve`: the app in a browser, on one library folder. */
export async function runServe(options: { folder?: string; port?: number; bind?: string; open: boolean; maxMb?: number }): Promise<number> {
  const folder = resolve(options.folder ?? process.env.PARALLAX_LIBRARY ?? defaultLibraryFolder())
  const { created } = await ensureLibraryFolder(folder, sampleLibraryFolder())
  const fallbackDataFolder = join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'parallax', createHash('sha256').update(folder).digest('hex').slice(0, 16))
  const running = await startLibrary({ folder, fallbackDataFolder, host: 'http', version: APP_VERSION, maxBytes: options.maxMb ? options.maxMb * 1024 * 1024 : undefined })
  const staticDir = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer')
  const host = await startHttpHost({
    handlers: running.service.handlers,
    subscribe: (l) => running.service.onEvent(l),
    staticDir,
    port: options.port,
    bind: options.bind,
    token: process.env.PARALLAX_TOKEN,
  })
  if (created) process.stdout.write(`Created the library ${folder} with the two sample reports.\n`)
  process.stdout.write(`Parallax is serving ${folder}\nOpen ${host.url}\n`)
  if (options.bind && options.bind !== '127.0.0.1') process.stdout.write('Warning: listening beyond this computer; anyone with the URL (and token) can read and annotate this library.\n')
  if (options.open) openInBrowser(host.url)
  const stop = async (): Promise<void> => {
    await host.close()
    await running.stop()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
  return new Promise<number>(() => undefined)
}

/** `--open`: asks the system to open the URL in the default browser, and says so — or says it could not. */
function openInBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  process.stderr.write(`Opening the app in your browser (${cmd})…\n`)
  spawn(cmd, [url], { stdio: 'ignore', detached: true })
    .on('error', (error) => process.stderr.write(`Could not open a browser (${cmd}: ${error.message}); open the URL above yourself.\n`))
    .unref()
}
