import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { FileReader } from '../core/library/library'
import { readArticleFile, type ReadResult } from '../core/library/read-article-file'

/**
 * Parses article files in worker threads, so decoding a 20 MB file or a 10,000-file library
 * never stalls the Electron main process or the HTTP host. Falls back to in-process parsing
 * when the built worker script is absent (unit tests run the TypeScript sources).
 */
export function createParsePool(root: string, maxBytes?: number, workerFile = fileURLToPath(new URL('./parse-worker.js', import.meta.url))): { read: FileReader; close: () => Promise<void> } {
  if (!existsSync(workerFile)) return { read: (path) => readArticleFile(root, path, maxBytes), close: async () => undefined }
  const size = Math.max(1, Math.min(4, availableParallelism()))
  const workers: Worker[] = []
  const pending = new Map<number, { resolve: (r: ReadResult) => void; reject: (e: Error) => void }>()
  const load = new Map<Worker, number>()
  let nextId = 0
  let idleTimer: ReturnType<typeof setTimeout> | undefined

  const spawn = (): Worker => {
    const w = new Worker(workerFile)
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
  // Workers are stopped after a quiet minute; a library at rest costs no threads.
  const scheduleIdle = (): void => {
    if (idleTimer) clearTimeout(idleTimer)
    idleTimer = setTimeout(() => {
      if (pending.size === 0) for (const w of workers.splice(0)) void w.terminate()
    }, 60_000)
    idleTimer.unref()
  }

  const read: FileReader = (path) =>
    new Promise((resolve, reject) => {
      while (workers.length < size) spawn()
      const worker = workers.reduce((a, b) => ((load.get(a) ?? 0) <= (load.get(b) ?? 0) ? a : b))
      const id = nextId++
      pending.set(id, { resolve, reject })
      load.set(worker, (load.get(worker) ?? 0) + 1)
      worker.postMessage({ id, root, path, maxBytes })
    })
  return {
    read,
    close: async () => {
      await Promise.all(workers.splice(0).map((w) => w.terminate()))
    },
  }
}
