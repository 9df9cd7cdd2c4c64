import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createParsePool } from '../parse-pool'

const dying = join(__dirname, 'fixtures/dying-parse-worker.mjs')

describe('the parse pool', () => {
  it('fails the files a dead worker owed with a clear error, and replaces the worker', async () => {
    const pool = createParsePool('/library', undefined, dying)
    try {
      const results = await Promise.allSettled([pool.read('a.txt'), pool.read('die.txt'), pool.read('b.txt')])
      expect(results[1]).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: expect.stringMatching(/parse worker stopped \(exit code 3\)/) }) })
      // Later reads go to live workers (a new one replaces the dead).
      for (let i = 0; i < 8; i++) expect((await pool.read(`after-${i}.txt`)).summary.path).toBe(`after-${i}.txt`)
    } finally {
      await pool.close()
    }
  })

  it('replaces a worker that read a whole library with a fresh one once the pool is quiet', async () => {
    const pool = createParsePool('/library', undefined, dying)
    const threadOf = async (path: string): Promise<number> => ((await pool.read(path)) as unknown as { threadId: number }).threadId
    try {
      const used = new Set(await Promise.all(Array.from({ length: 600 }, (_, i) => threadOf(`f-${i}.txt`))))
      await new Promise((r) => setTimeout(r, 1_500))
      // Still warm (no start-up on the next read), but not the thread that grew its heap on 600 files.
      expect(used.has(await threadOf('later.txt'))).toBe(false)
    } finally {
      await pool.close()
    }
  }, 15_000)

  it('sends the reads asked for in one turn of the event loop to a worker as one message', async () => {
    const pool = createParsePool('/library', undefined, dying)
    try {
      const results = (await Promise.all(Array.from({ length: 10 }, (_, i) => pool.read(`f-${i}.txt`)))) as unknown as Array<{ batch: number }>
      // Spread over at most four workers, some worker has several of the ten: sent one by one, every batch would be 1.
      expect(results.reduce((n, r) => n + r.batch, 0)).toBeGreaterThan(10)
    } finally {
      await pool.close()
    }
  })
})
