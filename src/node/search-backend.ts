import { Worker } from 'node:worker_threads'
import { builtFile } from './built-file'
import { inProcessSearch, type SearchBackend, type SearchBackendFactory } from './search/in-process-search'

/**
 * Runs the search engine in a worker thread (src/node/search-worker.ts). Falls back to the
 * in-process engine when the built worker is absent (unit tests run the TypeScript sources).
 */
export function workerSearch(workerFile = builtFile('search-worker.js')): SearchBackendFactory {
  return (root, indexFile, maxBytes) => {
    if (!workerFile) return inProcessSearch(root, indexFile, maxBytes)
    const worker = new Worker(workerFile, { workerData: { root, indexFile, maxBytes } })
    worker.unref()
    const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
    let progress: ((indexed: number, total: number) => void) | undefined
    let nextId = 0
    worker.on('message', (msg: { id?: number; result?: unknown; error?: string; progress?: { indexed: number; total: number } }) => {
      if (msg.progress) return progress?.(msg.progress.indexed, msg.progress.total)
      const p = pending.get(msg.id!)
      pending.delete(msg.id!)
      if (msg.error) p?.reject(new Error(msg.error))
      else p?.resolve(msg.result)
    })
    worker.on('error', (error) => {
      for (const p of pending.values()) p.reject(error)
      pending.clear()
    })
    const call = <T>(message: Record<string, unknown>): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        worker.postMessage({ ...message, id })
      })
    const backend: SearchBackend = {
      sync: (entries, onProgress) => {
        progress = onProgress
        return call({ method: 'sync', entries })
      },
      upsert: (entry) => call({ method: 'upsert', entry }),
      remove: (articleId) => call({ method: 'remove', articleId }),
      query: (q, limit) => call({ method: 'query', q, limit }),
      flush: () => call({ method: 'flush' }),
      close: async () => {
        await call({ method: 'close' }).catch(() => undefined)
        await worker.terminate()
      },
    }
    return backend
  }
}
