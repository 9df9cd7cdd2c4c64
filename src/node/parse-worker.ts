import { parentPort } from 'node:worker_threads'
import { lowerThreadPriority } from './background-priority'

// Before the parsers load (HTML, Markdown, encodings): loading them is itself a burst of CPU at
// start-up. Jobs that arrive meanwhile wait in the port until the listener below is attached.
lowerThreadPriority()
const { readArticleFile } = await import('./library/read-article-file')

/** Worker entry: reads and parses article files off the main thread. */
parentPort?.on('message', async (job: { id: number; root: string; path: string; maxBytes?: number; withText: boolean | 'bytes' }) => {
  try {
    const result = await readArticleFile(job.root, job.path, job.maxBytes)
    if (job.withText === 'bytes' && result.article) {
      // For the search index: UTF-8 bytes handed over (transferred, not copied) instead of a string.
      const textBytes = new TextEncoder().encode(result.article.text)
      parentPort!.postMessage({ id: job.id, result: { summary: result.summary, textBytes } }, [textBytes.buffer])
      return
    }
    // Scans need only the summary: do not copy the text between threads.
    parentPort!.postMessage({ id: job.id, result: job.withText ? result : { summary: result.summary } })
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: String(error) })
  }
})
