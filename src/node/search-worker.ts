import { parentPort, workerData } from 'node:worker_threads'
import type { SearchRequest, SyncAnswer } from './search-worker-protocol'
import { lowerThreadPriority } from './background-priority'

// Before the engine and its libraries load: loading them is itself a burst of CPU at start-up.
// Requests that arrive meanwhile wait in the port until the listener below is attached.
lowerThreadPriority()
const { SearchEngine } = await import('./search/search-engine')

/** Worker entry: owns the search index, so building and saving it never blocks the host. */
const { root, indexFile, maxBytes } = workerData as { root: string; indexFile: string; maxBytes?: number }
const engine = new SearchEngine(root, indexFile, maxBytes)
engine.preload()

parentPort!.on('message', async (req: SearchRequest & { id: number }) => {
  try {
    let result: unknown
    if (req.method === 'sync') {
      const message = await engine.sync(req.entries, (indexed, total) => parentPort!.postMessage({ progress: { indexed, total } }))
      result = { message, builtInBulk: engine.takeBuiltInBulk() } satisfies SyncAnswer
    } else if (req.method === 'prefill') result = await engine.prefill(req.docs)
    else if (req.method === 'upsert') result = await engine.upsert(req.entry)
    else if (req.method === 'remove') result = await engine.remove(req.articleId)
    else if (req.method === 'query') result = await engine.query(req.q, req.limit, req.options)
    else if (req.method === 'replaceNotes') result = await engine.replaceNotes(req.docs)
    else if (req.method === 'upsertNotes') result = await engine.upsertNotes(req.docs, req.removedIds)
    else if (req.method === 'queryNotes') result = await engine.queryNotes(req.q, req.limit, req.options)
    else result = await engine.close()
    parentPort!.postMessage({ id: req.id, result })
  } catch (error) {
    parentPort!.postMessage({ id: req.id, error: String(error) })
  }
})
