import { Worker } from 'node:worker_threads'
import { builtFile } from './built-file'
import { inProcessSearch, type SearchBackend, type SearchBackendFactory } from './search/in-process-search'
import type { SearchRequest, SyncAnswer } from './search-worker-protocol'
import { WorkerChannel } from './worker-channel'

/**
 * Runs the search engine in a worker thread (src/node/search-worker.ts). Falls back to the
 * in-process engine when the built worker is absent (unit tests run the TypeScript sources).
 */
export function workerSearch(workerFile = builtFile('search-worker.js')): SearchBackendFactory {
  return (root, indexFile, maxBytes) => {
    if (!workerFile) return inProcessSearch(root, indexFile, maxBytes)
    let progress: ((indexed: number, total: number) => void) | undefined
    const start = (): WorkerChannel<SearchRequest> => {
      // A small young generation: the worker's heap is mostly short-lived batches, and every megabyte of it is resident.
      const worker = new Worker(workerFile, { workerData: { root, indexFile, maxBytes }, resourceLimits: { maxYoungGenerationSizeMb: 8 } })
      worker.unref()
      return new WorkerChannel<SearchRequest>(worker, 'search', (event) => {
        const p = event.progress as { indexed: number; total: number } | undefined
        if (p) progress?.(p.indexed, p.total)
      })
    }
    let channel = start()
    /** Settles when a worker swap (below) is over: calls made meanwhile go to the fresh worker. */
    let swapped: Promise<void> = Promise.resolve()
    const call = async <T>(request: SearchRequest, transfer?: ArrayBuffer[]): Promise<T> => {
      await swapped
      return channel.call<T>(request, transfer)
    }
    /**
     * After a bulk build the worker's memory has grown by tens of MB (the WebAssembly SQLite's
     * never shrinks, and its heap held the build's batches): the worker closes the index
     * (handing over its lock; a merge in progress stops after its step) and a fresh one opens it.
     */
    const swap = (): Promise<void> =>
      (swapped = (async () => {
        const old = channel
        await old.call({ method: 'close' }).catch(() => undefined)
        await old.terminate()
        channel = start()
      })())
    const backend: SearchBackend = {
      sync: async (entries, onProgress) => {
        progress = onProgress
        const answer = await call<SyncAnswer>({ method: 'sync', entries })
        if (answer.builtInBulk) await swap()
        return answer.message
      },
      // Texts the scan read as bytes move to the worker without a copy.
      prefill: (docs) => call({ method: 'prefill', docs }, [...new Set(docs.flatMap((d) => (typeof d.body === 'string' ? [] : [d.body.buffer as ArrayBuffer])))]),
      upsert: (entry) => call({ method: 'upsert', entry }),
      remove: (articleId) => call({ method: 'remove', articleId }),
      query: (q, limit, options) => call({ method: 'query', q, limit, options }),
      replaceNotes: (docs) => call({ method: 'replaceNotes', docs }),
      upsertNotes: (docs, removedIds) => call({ method: 'upsertNotes', docs, removedIds }),
      queryNotes: (q, limit, options) => call({ method: 'queryNotes', q, limit, options }),
      close: async () => {
        await call({ method: 'close' }).catch(() => undefined)
        await channel.terminate()
      },
    }
    return backend
  }
}
