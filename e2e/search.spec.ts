import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, freePort, SCREENSHOTS, startServe, stopServe, test } from './fixtures'

/** Deterministic words for a generated library (a tiny LCG: the same files on every run). */
function words(seed: number): () => string {
  const common = 'the of and to a in that is for on with as by was said at from two sides summit talks both leaders'.split(' ')
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return common[s % common.length]!
  }
}

test.describe('search: exact phrases of common words', () => {
  test.skip(({ hostKind }) => hostKind !== 'serve', 'a generated library is served by `parallax serve`; the Electron host shares the same search engine')

  test('a phrase made only of common words finds every article that holds it, and no more', async ({ browser }, testInfo) => {
    const root = mkdtempSync(join(tmpdir(), 'parallax-e2e-phrase-'))
    const library = join(root, 'library')
    mkdirSync(join(root, 'home'))
    const next = words(7)
    for (let i = 0; i < 400; i++) {
      const desk = join(library, `desk-${i % 8}`)
      mkdirSync(desk, { recursive: true })
      const sentences = Array.from({ length: 40 }, () => Array.from({ length: 14 }, next).join(' ') + '.')
      // Every third article holds the phrase; every fifth holds its words split by a comma (not the phrase).
      if (i % 3 === 0) sentences.splice(i % 40, 0, 'Officials said the outcome of the two sides was agreed.')
      if (i % 5 === 0) sentences.splice(7, 0, 'A statement of the, two sides noted.')
      writeFileSync(join(desk, `report-${i}.txt`), `Title: Desk report ${i}\nText:\n${sentences.join(' ')}\n`)
    }
    // What `grep -rliF "of the two sides"` counts.
    const expected = readdirSync(library, { recursive: true, withFileTypes: true }).filter(
      (e) => e.isFile() && readFileSync(join(e.parentPath, e.name), 'utf8').toLowerCase().includes('of the two sides'),
    ).length
    expect(expected).toBeGreaterThan(100)

    const server = await startServe(library, join(root, 'home'), await freePort())
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(server.url)
      await expect(page.getByRole('region', { name: 'Library' }).getByText('400 articles')).toBeVisible()
      await page.getByRole('searchbox', { name: 'Search all articles' }).fill('"of the two sides"')
      const results = page.getByRole('region', { name: 'Search results' })
      await expect(results.getByText(`${expected} articles`, { exact: true })).toBeVisible({ timeout: 15_000 })
      await expect(results).not.toContainText('still being built')
      await expect(results.getByRole('button').first().locator('mark').first()).toHaveText(/of the two sides/i)
      // Snippets mark the phrase itself, never its words across a comma.
      expect(new Set((await results.locator('mark').allTextContents()).map((m) => m.toLowerCase()))).toEqual(new Set(['of the two sides']))
      await page.screenshot({ path: `${SCREENSHOTS}/${testInfo.project.name}-phrase-search.png` })
    } finally {
      await context.close()
      await stopServe(server.proc)
      rmSync(root, { recursive: true, force: true })
    }
  })
})
