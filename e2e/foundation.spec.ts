import { expect, SCREENSHOTS, test } from './fixtures'

test.describe('foundation: the two sample reports', () => {
  test('each article opens at its top, and going back returns to where it was left', async ({ app }) => {
    const { page } = app
    await page.setViewportSize({ width: 1280, height: 520 })
    const list = page.getByRole('listbox', { name: 'Articles' })
    const scroller = page.locator('.reader-scroll').first()
    await list.getByRole('option', { name: /video summit/ }).click()
    await expect(page.getByRole('article', { name: /video summit/ })).toBeVisible()
    // To the end: the text is laid out at its final height as it opens (see the next test).
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight))
    const left = await scroller.evaluate((el) => el.scrollTop)
    expect(left).toBeGreaterThan(100)
    await list.getByRole('option', { name: /phone call/ }).click()
    await expect(page.getByRole('article', { name: /phone call/ })).toBeVisible()
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(0)
    await expect(page.getByRole('article', { name: /phone call/ }).getByRole('heading', { level: 1 })).toBeInViewport()
    await list.getByRole('option', { name: /video summit/ }).click()
    await expect(page.getByRole('article', { name: /video summit/ })).toBeVisible()
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(left)
  })

  test('an article opens at its final height: nothing resizes after the first frame (a stable scrollbar, a kept place)', async ({ app }) => {
    const { page } = app
    await page.setViewportSize({ width: 1280, height: 520 })
    const list = page.getByRole('listbox', { name: 'Articles' })
    for (const [from, to] of [
      [/phone call/, /video summit/],
      [/video summit/, /phone call/],
    ]) {
      await list.getByRole('option', { name: from }).click()
      await expect(page.getByRole('article', { name: from })).toBeVisible()
      await page.evaluate(() => {
        const w = window as unknown as { heights: number[] }
        w.heights = []
        const reader = document.querySelector('.reader')!
        // Heights only (a width change, as a scrollbar comes or goes, is reported too).
        new ResizeObserver((entries) => entries.forEach((e) => Math.round(e.contentRect.height) !== w.heights.at(-1) && w.heights.push(Math.round(e.contentRect.height)))).observe(reader)
      })
      await list.getByRole('option', { name: to }).click()
      await expect(page.getByRole('article', { name: to })).toBeVisible()
      await page.waitForTimeout(600)
      // The first entry is the height when observing began; then one change, to the new article's height.
      const heights = await page.evaluate(() => (window as unknown as { heights: number[] }).heights)
      expect(heights.slice(1), `${String(to)}: heights ${heights.join(' → ')}`).toHaveLength(1)
    }
  })

  test('the library lists both reports and the reader shows the full text in paragraphs', async ({ app }, testInfo) => {
    const { page } = app
    const list = page.getByRole('listbox', { name: 'Articles' })
    const phoneCall = list.getByRole('option', { name: 'Xi, Putin hold phone call, vow pragmatic cooperation' })
    const summit = list.getByRole('option', { name: /^Chinese President Xi Jinping and his Russian counterpart Vladimir Putin held a video summit/ })
    await expect(phoneCall).toBeVisible()
    await expect(summit).toBeVisible()
    await expect(phoneCall).toContainText('Global Times')
    await expect(phoneCall).toContainText('2022')
    await expect(page.getByRole('region', { name: 'Library' }).getByText('2 articles')).toBeVisible()

    await phoneCall.click()
    const reader = page.getByRole('article', { name: /Xi, Putin hold phone call/ })
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Xi, Putin hold phone call, vow pragmatic cooperation')
    await expect(reader.locator('.block')).toHaveCount(7)
    await expect(reader.locator('.block').first()).toHaveText(/^Chinese President Xi Jinping on Wednesday afternoon held a phone conversation/)
    // Sentences the source glued together ("reiterated.Global") get their space back, and the researcher is told.
    await expect(reader.locator('.block').last()).toHaveText(/Xi reiterated\. Global Times$/)
    await expect(reader.getByLabel('Repairs made while reading this file')).toContainText('Separated 5 sentences glued together')
    // The double-encoded space was repaired, and the researcher is told.
    await expect(reader.locator('.reader-body')).not.toContainText('Â')
    await expect(reader.getByLabel('Repairs made while reading this file')).toContainText('double UTF-8 encoding')
    await page.screenshot({ path: `${SCREENSHOTS}/${testInfo.project.name}-reader-light.png` })

    await summit.click()
    const reader2 = page.getByRole('article', { name: /video summit/ })
    await expect(reader2.locator('.block')).toHaveCount(14)
    await expect(reader2.getByText('No date')).toBeVisible()
    await expect(reader2.locator('.block').nth(2)).toHaveText('President Putin said that “any season is springtime in Russia-China relations.”')

    await page.getByLabel('Theme').selectOption('dark')
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await page.screenshot({ path: `${SCREENSHOTS}/${testInfo.project.name}-reader-dark.png` })
  })

  test('the last open article, theme, text size and layout are remembered after a restart', async ({ app }) => {
    let { page } = app
    await page.getByRole('option', { name: /video summit/ }).click()
    await page.getByLabel('Theme').selectOption('dark')
    await page.getByRole('button', { name: 'Larger text' }).click()
    // Reading with the whole window: hide the annotations panel with its key, the library with its button.
    await page.getByRole('article', { name: /video summit/ }).click()
    await page.keyboard.press(']')
    await expect(page.getByRole('complementary', { name: 'Annotations' })).toBeHidden()
    await page.getByRole('button', { name: 'Show the left panel' }).click()
    await expect(page.getByRole('region', { name: 'Library' })).toBeHidden()
    const fontSize = await page.locator('.reader').evaluate((el) => getComputedStyle(el).fontSize)
    expect(fontSize).toBe('19px')

    page = await app.restart()
    await expect(page.getByRole('article', { name: /video summit/ })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    expect(await page.locator('.reader').evaluate((el) => getComputedStyle(el).fontSize)).toBe('19px')
    await expect(page.getByRole('complementary', { name: 'Annotations' })).toBeHidden()
    await expect(page.getByRole('region', { name: 'Library' })).toBeHidden()
    await expect(page.getByRole('button', { name: 'Show the left panel' })).toHaveAttribute('aria-pressed', 'false')
    await page.keyboard.press('[')
    await expect(page.getByRole('region', { name: 'Library' })).toBeVisible()
    // The search tab reopens with its query and results, not empty.
    await page.getByLabel('Search all articles').fill('Ushakov')
    await expect(page.getByRole('region', { name: 'Search results' })).toContainText('1 article')
    // Wait until the preference is in IndexedDB (written in the background), then restart.
    const saved = (): Promise<unknown> =>
      page.evaluate(
        () =>
          new Promise((resolve) => {
            const open = indexedDB.open('parallax')
            open.onsuccess = () => {
              const get = open.result.transaction('prefs').objectStore('prefs').get('searchQuery')
              get.onsuccess = () => (resolve(get.result), open.result.close())
            }
          }),
      )
    await expect.poll(saved).toBe('Ushakov')
    page = await app.restart()
    await expect(page.getByLabel('Search all articles')).toHaveValue('Ushakov')
    await expect(page.getByRole('region', { name: 'Search results' })).toContainText('1 article')
    // Kept in IndexedDB, whose reads never block the window; localStorage stays unused.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('parallax.')))).toEqual([])
  })
})
