import { userInfo } from 'node:os'
import { comparisonEngine } from './capabilities/compare'
import { ParallaxService } from './parallax-service'
import { createParsePool } from '../node/parse-pool'
import { workerSearch } from '../node/search-backend'
import { watchLibrary } from '../node/watch-library'

export interface RunningLibrary {
  service: ParallaxService
  stop: () => Promise<void>
}

/** Opens a library folder with a parse pool and a watcher; both hosts start here. */
export async function startLibrary(options: { folder: string; fallbackDataFolder: string; host: 'electron' | 'http'; version: string; maxBytes?: number; user?: string }): Promise<RunningLibrary> {
  const pool = createParsePool(options.folder, options.maxBytes)
  const service = await ParallaxService.open({
    libraryFolder: options.folder,
    fallbackDataFolder: options.fallbackDataFolder,
    host: options.host,
    version: options.version,
    user: options.user ?? safeUserName(),
    readFile: pool.read,
    searchBackend: workerSearch(),
    maxBytes: options.maxBytes,
  })
  await service.scan()
  // Loaded once the library is listed rather than before: the window shows the library sooner,
  // and the first comparison does not wait for it.
  setImmediate(() => void comparisonEngine().catch(() => undefined))
  const watcher = watchLibrary(options.folder, {
    changed: (path) => void service.fileChanged(path).catch((e) => service.notify('error', `Could not read ${path}: ${String(e)}`)),
    removed: (path) => void service.fileRemoved(path),
    degraded: (message) => service.setWatchStatus({ mode: 'polling', message }),
    // Files added or changed while the app was opening (after the scan, before the watcher
    // was ready) raised no event: compare the folder with the library once.
    ready: () => void service.catchUp().catch((e) => service.notify('error', `Could not check the library folder for changes: ${String(e)}`)),
  })
  return {
    service,
    stop: async () => {
      await watcher.close()
      await service.close()
      await pool.close()
    },
  }
}

function safeUserName(): string {
  try {
    return userInfo().username
  } catch {
    return 'researcher'
  }
}
