import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SummaryCache } from '../library/summary-cache'
import type { FileSummary } from '../library/read-article-file'

const summary = (path: string): FileSummary => ({ path, size: 10, mtimeMs: 1, hash: `h-${path}`, meta: { title: path, categories: [], warnings: [] } }) as unknown as FileSummary

describe('the summary cache', () => {
  const root = mkdtempSync(join(tmpdir(), 'parallax-summary-cache-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

  it('is saved about a second after a change, but only once a held scan is released', async () => {
    const file = join(root, 'summaries.json')
    const cache = new SummaryCache(file)
    await cache.load()
    cache.set(summary('a.txt'))
    await wait(1300)
    expect(JSON.parse(readFileSync(file, 'utf8')).entries).toHaveLength(1)

    rmSync(file)
    cache.hold()
    cache.set(summary('b.txt'))
    await wait(1300)
    // Held: a 30,000-file scan is not rewritten every second while it runs.
    expect(existsSync(file)).toBe(false)
    cache.release()
    await wait(1300)
    expect(JSON.parse(readFileSync(file, 'utf8')).entries.map((e: FileSummary) => e.path)).toEqual(['a.txt', 'b.txt'])
  })
})
