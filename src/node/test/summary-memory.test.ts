import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { readArticleFile, type FileSummary } from '../library/read-article-file'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

describe('library summaries', () => {
  it('do not keep their files’ texts alive through metadata cut from the text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parallax-summary-'))
    try {
      const body = 'The delegations met again to discuss the grain corridor and the pipeline. '.repeat(14_000)
      for (let i = 0; i < 30; i++)
        writeFileSync(join(dir, `a${i}.txt`), `Title: A long report number ${i} on the talks\nAuthor: A correspondent of the paper\nOutlet: The Daily Example\n\n${body}${i}`)
      gc()
      const before = process.memoryUsage().heapUsed
      const kept: FileSummary[] = []
      for (let i = 0; i < 30; i++) kept.push((await readArticleFile(dir, `a${i}.txt`)).summary)
      gc()
      const grown = process.memoryUsage().heapUsed - before
      expect(kept.map((s) => s.meta.title)).toContain('A long report number 7 on the talks')
      // 30 texts of 1 MB: a summary that held its text would keep about 30 MB.
      expect(grown).toBeLessThan(5 * 1024 * 1024)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
