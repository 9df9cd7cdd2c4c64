import { parentPort } from 'node:worker_threads'
import { readArticleFileSync } from '../core/library/read-article-file'

/**
 * Worker entry: reads and parses article files off the main thread. Reads block this thread
 * only, one file at a time; that costs less than the promise round trips of async reads.
 */
parentPort?.on('message', (job: { id: number; root: string; path: string; maxBytes?: number; withText: boolean }) => {
  try {
    const result = readArticleFileSync(job.root, job.path, job.maxBytes)
    // Scans need only the summary: do not copy the text between threads.
    parentPort!.postMessage({ id: job.id, result: job.withText ? result : { summary: result.summary } })
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: String(error) })
  }
})
