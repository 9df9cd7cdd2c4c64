import { parentPort } from 'node:worker_threads'
import { lowerThreadPriority } from './background-priority'

// Before the parsers load (HTML, Markdown, encodings): loading them is itself a burst of CPU at
// start-up. Jobs that arrive meanwhile wait in the port until the listener below is attached.
lowerThreadPriority()
const { readArticleFile } = await import('./library/read-article-file')

/** Worker entry: reads and parses article files off the main thread. */
parentPort?.on('message', async (job: { id: number; root: string; path: string; maxBytes?: number; withText: boolean }) => {
  try {
    const result = await readArticleFile(job.root, job.path, job.maxBytes)
    // Scans need only the summary: do not copy the text between threads.
    parentPort!.postMessage({ id: job.id, result: job.withText ? result : { summary: result.summary } })
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: String(error) })
  }
})
