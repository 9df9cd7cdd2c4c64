import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { FileReader } from './library/library'
import { readArticleFile, type ReadResult } from './library/read-article-file'
import { builtFile } from './built-file'

/**
 * Parses article files in worker threads, so decoding a 20 MB file or a 10,000-file library
 * never stalls the Electron main process or the HTTP host. Falls back to in-process parsing
 * when the built worker script is absent (unit tests run the TypeScript sources).
 */
export function createParsePool(root: string, maxBytes?: number, workerFile = builtFile('parse-worker.js')): { read: FileReader; close: () => Promise<void> } {
  if (!workerFile) return { read: (path) => readArticleFile(root, path, maxBytes), close: async () => undefined }
  const size = Math.max(1, Math.min(4, availableParallelism()))
  const workers: Worker[] = []
  const pending = new Map<number, { resolve: (r: ReadResult) => void; reject: (e: Error) => void }>()
  const load = new Map<Worker, number>()
  let nextId = 0
  let idleTimer: ReturnType<typeof setTimeout> | undefined

  const spawn = (): Worker => {
    // Parsing makes short-lived garbage; a small young generation makes V8 collect it early,
    // which keeps a 10,000-file scan's memory flat instead of growing until the end.
    const w = new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 } })
    w.on('message', (msg: { id: number; result?: ReadResult; error?: string }) => {
      const p = pending.get(msg.id)
      pending.delete(msg.id)
      load.set(w, (load.get(w) ?? 1) - 1)
      if (msg.result) p?.resolve(msg.result)
      else p?.reject(new Error(msg.error))
      scheduleIdle()
    })
    w.unref()
    workers.push(w)
    load.set(w, 0)
    return w
  }
  // Workers are stopped after a few quiet seconds; a library at rest costs no threads or memory.
  const scheduleIdle = (): void => {
    if (idleTimer) clearTimeout(idleTimer)
    idleTimer = setTimeout(() => {
      // One worker stays warm so a single changed file is parsed without a thread start-up.
      if (pending.size === 0) for (const w of workers.splice(1)) void w.terminate()
    }, 5_000)
    idleTimer.unref()
  }

  const read: FileReader = (path, withText = true) =>
    new Promise((resolve, reject) => {
      while (workers.length < size) spawn()
      const worker = workers.reduce((a, b) => ((load.get(a) ?? 0) <= (load.get(b) ?? 0) ? a : b))
      const id = nextId++
      pending.set(id, { resolve, reject })
      load.set(worker, (load.get(worker) ?? 0) + 1)
      worker.postMessage({ id, root, path, maxBytes, withText })
    })
  return {
    read,
    close: async () => {
      await Promise.all(workers.splice(0).map((w) => w.terminate()))
    },
  }
}
