/**
 * Child process for the crash test: saves highlights in a loop and prints "ACK <id>" after
 * each save resolves (i.e. after the durable write). The parent SIGKILLs it at random moments.
 */
import { randomUUID } from 'node:crypto'
import { createRecord } from '@core/annotations/records'
import type { Highlight } from '@core/annotations/model'
import { AnnotationStore } from '../store'

const [library = '', fallback = '', worker = ''] = process.argv.slice(2)
const store = await AnnotationStore.open({ libraryFolder: library, fallbackFolder: fallback })
const ctx = { now: () => new Date(), newId: randomUUID, creator: `crash-${worker}` }
const articles = ['article-a', 'article-b', 'article-c']
for (let i = 0; ; i++) {
  const articleId = articles[i % articles.length]!
  const h = createRecord<Highlight>(ctx, {
    kind: 'highlight',
    target: { articleId, quote: { type: 'TextQuoteSelector', exact: `quote ${i}`, prefix: '', suffix: '' }, position: { type: 'TextPositionSelector', start: i, end: i + 5 }, textHash: 'h' },
    colour: 'yellow',
    tagIds: [],
    note: `note ${i} `.repeat(1 + (i % 50)),
  })
  await store.saveAnnotations([h])
  process.stdout.write(`ACK ${articleId} ${h.id}\n`)
}
