import { randomUUID } from 'node:crypto'
import { cp, mkdtemp, open, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Highlight } from '@core/annotations/model'
import { createRecord } from '@core/annotations/records'
import { ParallaxService } from '../app/parallax-service'
import { workerSearch } from '../node/search-backend'
import { AnnotationStore } from '../node/store/store'

export interface WriterFigures {
  saves: number
  p50: number
  p95: number
  max: number
  lost: number
  /** The floor on this disk: appending one line of the same size and fdatasync'ing it, p50. */
  appendSyncP50: number
  shardBytes: number
  journalBytes: number
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

/**
 * 20 clients saving highlights at once on one article that already holds 2,000 (each with a
 * note), through the service as the hosts call it; then a fresh process-equivalent reopen
 * counts what is on disk. The baseline is a raw append + fdatasync of one record-sized line.
 */
export async function benchConcurrentWriters(sampleLibrary: string, { writers = 20, perWriter = 20, existing = 2000 } = {}): Promise<WriterFigures> {
  const root = await mkdtemp(join(tmpdir(), 'parallax-bench-writers-'))
  try {
    const folder = join(root, 'library')
    await cp(sampleLibrary, folder, { recursive: true })
    const open1 = (): Promise<ParallaxService> =>
      ParallaxService.open({ libraryFolder: folder, fallbackDataFolder: join(root, 'fb'), host: 'http', version: 'bench', user: 'bench', searchBackend: workerSearch() })
    let service = await open1()
    await service.scan()
    const article = (await service.handlers['library.list']({}))[0]!
    const view = await service.handlers['article.open']({ id: article.id })
    const ctx = { now: () => new Date(), newId: randomUUID, creator: 'bench' }
    const seed: Highlight[] = Array.from({ length: existing }, (_, k) => {
      const start = (k * 37) % Math.max(1, view.text.length - 60)
      return createRecord<Highlight>(ctx, {
        kind: 'highlight',
        target: {
          articleId: article.id,
          quote: { type: 'TextQuoteSelector', exact: view.text.slice(start, start + 40), prefix: view.text.slice(Math.max(0, start - 32), start), suffix: view.text.slice(start + 40, start + 72) },
          position: { type: 'TextPositionSelector', start, end: start + 40 },
          textHash: view.textHash,
        },
        colour: 'yellow',
        tagIds: [],
        note: `Seeded note ${k}: the framing of the passage, its sources and how the other report puts it.`,
      })
    })
    // Seeded straight into the store, as another process would; the service reopens on it.
    await service.close()
    const store = await AnnotationStore.open({ libraryFolder: folder, fallbackFolder: join(root, 'fb') })
    await store.saveAnnotations(seed)
    // At rest, as a library is between sessions: the seed's journal folded into the snapshot.
    // (A compaction under way holds the saves queued behind it for its ~50 ms.)
    await store.shard(article.id).compact()
    service = await open1()
    await service.scan()
    // At rest: the search and notes indexes have caught up with the library (their first pass
    // runs in the search worker, but on two cores it still takes CPU from the writers).
    await service.whenNotesIndexed()
    const times: number[] = []
    let acked = 0
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) {
          const start = (w * 97 + i * 13) % Math.max(1, view.text.length - 60)
          const t = performance.now()
          await service.handlers['annotations.createHighlight']({ articleId: article.id, start, end: start + 30, textHash: view.textHash, colour: 'green', tagIds: [], note: `writer ${w} save ${i}` })
          times.push(performance.now() - t)
          acked++
        }
      }),
    )
    await service.close()
    service = await open1()
    await service.scan()
    const onDisk = (await service.handlers['annotations.list']({ articleId: article.id })).highlights.length
    await service.close()
    const shardFile = join(folder, '.parallax', 'annotations', `${article.id}.json`)
    const sizeOf = async (f: string): Promise<number> => (await stat(f).catch(() => ({ size: 0 }))).size
    const shardBytes = await sizeOf(shardFile)
    const journalBytes = await sizeOf(`${shardFile}.journal`)

    const line = JSON.stringify(seed[0]) + '\n'
    const handle = await open(join(root, 'baseline.log'), 'a')
    const floor: number[] = []
    for (let i = 0; i < 100; i++) {
      const t = performance.now()
      await handle.write(line)
      await handle.datasync()
      floor.push(performance.now() - t)
    }
    await handle.close()
    return {
      saves: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: Math.max(...times),
      lost: existing + acked - onDisk,
      appendSyncP50: percentile(floor, 50),
      shardBytes,
      journalBytes,
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}
