import { watch, type FSWatcher } from 'chokidar'
import { isIgnoredPath } from '@core/library/ignore'
import { toLibraryPath } from './library/walk'

export interface WatchCallbacks {
  changed: (path: string) => void
  removed: (path: string) => void
  /** The OS watch limit was hit and the watcher fell back to polling. */
  degraded: (message: string) => void
  /** The watcher has listed the folder: from now on every change is reported. */
  ready?: () => void
}

/**
 * Watches a library folder and its sub-folders with chokidar. `awaitWriteFinish` holds events
 * until a file's size has been stable briefly, so a file still being copied is not read
 * half-way. If the OS runs out of inotify watches (ENOSPC/EMFILE), the watcher restarts in
 * polling mode and says so, instead of silently missing changes.
 */
export function watchLibrary(root: string, callbacks: WatchCallbacks, options: { stabilityMs?: number } = {}): { close: () => Promise<void> } {
  let watcher: FSWatcher
  let polling = false
  const start = (usePolling: boolean): FSWatcher => {
    const w = watch(root, {
      ignoreInitial: true,
      // Links are not followed: one pointing outside the library must not pull another folder in,
      // and checking each link's target would cost a synchronous realpath per file on this thread.
      // (The scan still lists files reached through links that stay inside the library.)
      followSymlinks: false,
      usePolling,
      interval: 1000,
      binaryInterval: 2000,
      awaitWriteFinish: { stabilityThreshold: options.stabilityMs ?? 120, pollInterval: 30 },
      ignored: (path: string) => {
        const rel = toLibraryPath(root, path)
        if (rel.startsWith('..')) return true
        return rel !== '' && isIgnoredPath(rel)
      },
    })
    w.on('add', (p) => callbacks.changed(toLibraryPath(root, p)))
    w.on('change', (p) => callbacks.changed(toLibraryPath(root, p)))
    w.on('unlink', (p) => callbacks.removed(toLibraryPath(root, p)))
    w.on('ready', () => callbacks.ready?.())
    w.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code
      if (!polling && (code === 'ENOSPC' || code === 'EMFILE')) {
        polling = true
        void w.close()
        watcher = start(true)
        callbacks.degraded(
          'The folder has more sub-folders than this computer lets an app watch, so Parallax checks it for changes every second instead. On Linux, raising fs.inotify.max_user_watches restores instant updates.',
        )
      }
    })
    return w
  }
  watcher = start(false)
  return { close: () => watcher.close() }
}
