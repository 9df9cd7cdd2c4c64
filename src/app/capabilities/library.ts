import type { Handlers } from '@shared/contract'
import { importPaths, importUploads, type ImportTarget } from '../../node/library/import-files'
import type { Workspace } from '../workspace'

type LibraryHandlers = Pick<Handlers, 'app.info' | 'library.list' | 'library.importPaths' | 'library.upload'>

/** The library list and what comes into it: pages of summaries, dropped files, uploads. */
export function libraryHandlers(ws: Workspace, onImported: (path: string) => Promise<void>): LibraryHandlers {
  const importTarget = (): ImportTarget => ({
    root: ws.options.libraryFolder,
    maxBytes: ws.options.maxBytes,
    findByHash: (hash) => ws.library.list().find((e) => e.summary.hash === hash)?.summary.path,
    onImported,
  })
  return {
    'app.info': async () => ({
      host: ws.options.host,
      version: ws.options.version,
      libraryFolder: ws.options.libraryFolder,
      dataFolder: ws.store.dataFolder,
      user: ws.options.user,
      notices: [...ws.store.notices, ...ws.store.recoveries.map((r) => ws.describeRecovery(r))],
      watch: ws.watchStatus,
      canUndo: ws.history.canUndo,
      canRedo: ws.history.canRedo,
    }),

    'library.list': async ({ after, limit }) => {
      if (after === undefined && limit === undefined) return ws.library.list().map((e) => ws.summarise(e))
      return ws.library.page(after, limit ?? Number.MAX_SAFE_INTEGER).map((e) => ws.summarise(e))
    },

    'library.importPaths': async ({ paths }) => importPaths(importTarget(), paths),

    'library.upload': async ({ files }) => importUploads(importTarget(), files),
  }
}
