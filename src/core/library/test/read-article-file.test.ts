import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readArticleFile, readArticleFileSync } from '../read-article-file'

/**
 * The parse worker reads with blocking calls, the CLI and the service with promises: both must
 * give the same result for every file, readable or not.
 */
describe('reading an article file, blocking and async', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'parallax-read-'))
    cpSync(join(__dirname, '../../article/test/fixtures'), root, { recursive: true })
    writeFileSync(join(root, 'big.txt'), `Title: Big\nText:\n${'word '.repeat(30_000)}\n`)
    mkdirSync(join(root, 'folder.txt'))
    writeFileSync(join(root, 'locked.txt'), 'Title: Locked\nText:\nSecret.\n')
    chmodSync(join(root, 'locked.txt'), 0o000)
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('agrees on every fixture, on a file over the limit, a folder, a missing file and a locked one', async () => {
    const names = [...readdirSync(root), 'missing.txt', 'slides.pptx']
    expect(names.length).toBeGreaterThan(10)
    for (const name of names) {
      const viaPromises = await readArticleFile(root, name, 100_000)
      expect(readArticleFileSync(root, name, 100_000), name).toEqual(viaPromises)
    }
    expect(readArticleFileSync(root, 'big.txt', 100_000).summary.warnings[0].message).toMatch(/over the .* limit/)
    expect(readArticleFileSync(root, 'big.txt').summary.readable).toBe(true)
    expect(readArticleFileSync(root, 'folder.txt').summary.warnings[0].message).toMatch(/folder, not a file/)
    expect(readArticleFileSync(root, 'missing.txt').summary.warnings[0].message).toMatch(/deleted or moved/)
  })
})
