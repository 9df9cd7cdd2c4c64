import { parentPort, workerData } from 'node:worker_threads'
import type { SearchRequest, SyncAnswer } from './search-worker-protocol'

// This thread keeps the normal priority the parse workers give up (background-priority.ts): it
// answers the researcher's queries as they type, and a first build is what they wait for. At
// nice 10 it lost the CPU to the scan feeding it: 1,000 articles were ready 7-9% later (A/B, 12
// runs each); its merges after a build run in small steps between queries.
// Requests that arrive while the engine loads wait in the port until the listener below is attached.
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
