import { parentPort } from 'node:worker_threads'
import { lowerThreadPriority } from './background-priority'
import { batchPerTurn } from './batch-per-turn'

// Before the parsers load (HTML, Markdown, encodings): loading them is itself a burst of CPU at
// start-up. Jobs that arrive meanwhile wait in the port until the listener below is attached.
lowerThreadPriority()
const { readArticleFile } = await import('./library/read-article-file')

type Job = { id: number; root: string; path: string; maxBytes?: number; withText: boolean | 'bytes' }

/** The answers of one turn of the event loop go back as one message, as the pool sends its calls (see WorkerChannel). */
const answer = batchPerTurn<unknown>((replies, transfer) => parentPort!.postMessage(replies, transfer))

async function parse(job: Job): Promise<void> {
  try {
    const result = await readArticleFile(job.root, job.path, job.maxBytes)
    if (job.withText === 'bytes' && result.article) {
      // For the search index: UTF-8 bytes handed over (transferred, not copied) instead of a string.
      const textBytes = new TextEncoder().encode(result.article.text)
      return answer({ id: job.id, result: { summary: result.summary, textBytes } }, [textBytes.buffer])
    }
    // Scans need only the summary: do not copy the text between threads.
    answer({ id: job.id, result: job.withText ? result : { summary: result.summary } })
  } catch (error) {
    answer({ id: job.id, error: String(error) })
  }
}

/**
 * Worker entry: reads and parses article files off the main thread, a batch of jobs per message.
 * The jobs run side by side, so a long document (a PDF) does not hold back the files after it.
 */
parentPort?.on('message', (jobs: Job[]) => {
  for (const job of jobs) void parse(job)
})
