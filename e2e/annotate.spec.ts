import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, SCREENSHOTS, test } from './fixtures'
import { callApi, paintedHighlights, selectInReader } from './helpers'

const PHONE = 'Xi, Putin hold phone call, vow pragmatic cooperation'
const BRIDGE = 'Heihe-Blagoveshchensk cross-border highway bridge'

test.describe('reading and annotating', () => {
  test('undo and redo say what they would do, and are disabled when there is nothing to do', async ({ app }) => {
    const { page } = app
    const undo = page.getByRole('button', { name: /^Undo/ })
    const redo = page.getByRole('button', { name: /^Redo/ })
    await expect(undo).toBeDisabled()
    await expect(redo).toBeDisabled()
    await page.getByRole('option', { name: PHONE }).click()
    await selectInReader(page, BRIDGE)
    await page.keyboard.press('h')
    await expect(page.getByRole('button', { name: 'Undo Highlight' })).toBeEnabled()
    await page.getByRole('button', { name: 'Undo Highlight' }).click()
    await expect(page.getByRole('button', { name: 'Redo Highlight' })).toBeEnabled()
    await expect(undo).toBeDisabled()
    // The help lists what the key handlers do, from the same keymap.
    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    for (const text of ['Next article (in the list)', 'Highlight the selection green', 'Hide or show the annotations panel']) await expect(help.getByText(text)).toBeVisible()
  })

  test('keyboard only: open an article, scroll it, select a sentence, highlight and tag it, select a find match; help keeps focus', async ({ app }) => {
    const { page } = app
    await page.setViewportSize({ width: 1280, height: 560 })
    /** Presses Tab until the element is focused (as a keyboard user reaches it). */
    const tabTo = async (target: ReturnType<typeof page.getByRole>): Promise<void> => {
      for (let i = 0; i < 40 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
      await expect(target).toBeFocused()
    }
    const list = page.getByRole('listbox', { name: 'Articles' })
    await tabTo(list)
    // Walk the list with the arrow keys until the phone-call report is open.
    for (let i = 0; i < 5 && !(await page.getByRole('article', { name: /phone call/ }).count()); i++) await page.keyboard.press(i === 0 ? 'Home' : 'ArrowDown')
    await expect(page.getByRole('article', { name: /phone call/ })).toBeVisible()
    const text = page.getByRole('region', { name: 'Article text' })
    await tabTo(text)
    const top = (): Promise<number> => text.evaluate((el) => el.scrollTop)
    await page.keyboard.press('PageDown')
    await expect.poll(top).toBeGreaterThan(100)
    await page.keyboard.press('Home')
    await expect.poll(top).toBe(0)

    const selected = (): Promise<string> => page.evaluate(() => window.getSelection()?.toString() ?? '')
    await page.keyboard.press('s')
    await expect.poll(selected).toMatch(/^Chinese President Xi Jinping on Wednesday afternoon held a phone conversation with his Russian counterpart Vladimir Putin[^.]*\.$/)
    await page.keyboard.press('s')
    const second = await selected()
    expect(second).not.toMatch(/^Chinese President/)
    await page.keyboard.press('x')
    await expect.poll(selected).toMatch(new RegExp(`^${second.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
    expect((await selected()).length).toBeGreaterThan(second.length)
    await page.keyboard.press('Shift+X')
    await expect.poll(selected).toBe(second)
    // T highlights and opens the tag picker; typing a new name and Enter creates the tag.
    await page.keyboard.press('t')
    const editor = page.getByRole('dialog', { name: 'Edit highlight' })
    await expect(editor.getByRole('combobox', { name: 'Add tag' })).toBeFocused()
    await page.keyboard.type('Read without a mouse')
    await page.keyboard.press('Enter')
    await expect(editor.getByRole('button', { name: 'Remove tag Read without a mouse' })).toBeVisible()
    await expect.poll(() => paintedHighlights(page)).toMatchObject({ 'pl-yellow': 1 })
    await page.keyboard.press('Escape')
    await expect(editor).toHaveCount(0)

    // A find match becomes the selection.
    await page.keyboard.press('Control+f')
    await expect(page.getByRole('textbox', { name: 'Find in article' })).toBeFocused()
    await page.keyboard.type('cross-border highway')
    await page.keyboard.press('Alt+Enter')
    await expect.poll(selected).toBe('cross-border highway')
    await page.keyboard.press('h')
    await expect.poll(() => paintedHighlights(page)).toMatchObject({ 'pl-yellow': 2 })

    // Help keeps focus while open and gives it back.
    await tabTo(text)
    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(help.getByRole('button', { name: 'Close' })).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(help.getByRole('button', { name: 'Close' })).toBeFocused()
    await page.keyboard.press('Shift+Tab')
    await expect(help.getByRole('button', { name: 'Close' })).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(help).toHaveCount(0)
    await expect(text).toBeFocused()
  })

  test('notes are shown as Markdown; hostile notes stay inert', async ({ app }) => {
    const { page } = app
    const fetched: string[] = []
    page.on('request', (r) => void (/example\.(com|org)/.test(r.url()) && fetched.push(r.url())))
    await page.getByRole('option', { name: PHONE }).click()
    await selectInReader(page, BRIDGE)
    await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight green' }).click()
    const editor = page.getByRole('dialog', { name: 'Edit highlight' })
    const note = [
      'A **bold** claim, *stressed*, with `code`.',
      '- first point',
      '- second point',
      '<script>window.__pwned = 1</script><img src="https://example.com/x.png" onerror="window.__pwned = 2">',
      '[run](javascript:window.__pwned=3) and ![tracker](https://example.com/t.png) and [source](https://example.org/report)',
    ].join('\n')
    await editor.getByLabel('Note').fill(note)
    // The editor shows the note as it will read, with the one safe link live.
    const preview = editor.getByLabel('Note as shown')
    await expect(preview.locator('strong')).toHaveText('bold')
    await expect(preview.getByRole('link')).toHaveCount(1)
    await expect(preview.getByRole('link', { name: 'source' })).toHaveAttribute('href', 'https://example.org/report')
    await expect(preview.getByRole('link', { name: 'source' })).toHaveAttribute('target', '_blank')
    await editor.getByRole('button', { name: 'Done' }).click()

    const card = page.getByRole('region', { name: 'Highlights' }).getByRole('button', { name: /^Highlight: Heihe-Blagoveshchensk/ })
    await expect(card.locator('strong')).toHaveText('bold')
    await expect(card.locator('em')).toHaveText('stressed')
    await expect(card.locator('.note-li')).toHaveCount(2)
    // Raw HTML is text; nothing runs, nothing is fetched, no link sits inside the card's button.
    await expect(card).toContainText('<script>window.__pwned = 1</script>')
    await expect(card).toContainText('[image: tracker]')
    expect(await card.locator('script, img, a').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(fetched).toEqual([])
  })

  test('a 100,000-character note without spaces wraps inside its card', async ({ app }) => {
    const { page } = app
    await page.getByRole('option', { name: PHONE }).click()
    await selectInReader(page, BRIDGE)
    await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight green' }).click()
    const editor = page.getByRole('dialog', { name: 'Edit highlight' })
    await editor.getByLabel('Note').fill('x'.repeat(100_000))
    await editor.getByRole('button', { name: 'Done' }).click()
    const highlights = page.getByRole('region', { name: 'Highlights' })
    const card = highlights.getByRole('button', { name: /^Highlight: Heihe-Blagoveshchensk/ })
    await expect(card).toContainText('xxxx')
    const fits = (el: Element): boolean => el.scrollWidth <= el.clientWidth + 1
    expect(await card.evaluate(fits)).toBe(true)
    expect(await card.locator('.card-note').evaluate(fits)).toBe(true)
    expect(await highlights.evaluate(fits)).toBe(true)
  })

  test('highlight, tag and note a passage; edit, delete and undo; everything survives a restart', async ({ app }, testInfo) => {
    let { page } = app
    await page.getByRole('option', { name: PHONE }).click()
    await selectInReader(page, BRIDGE)
    const toolbar = page.getByRole('toolbar', { name: 'Selection actions' })
    await toolbar.getByRole('button', { name: 'Highlight green' }).click()

    const highlights = page.getByRole('region', { name: 'Highlights' })
    await expect(highlights.getByRole('heading')).toContainText('(1)')
    const editor = page.getByRole('dialog', { name: 'Edit highlight' })
    await expect(editor.locator('blockquote')).toHaveText(BRIDGE)
    expect(await paintedHighlights(page)).toMatchObject({ 'pl-green': 1 })

    await editor.getByRole('combobox', { name: 'Add tag' }).fill('Infrastructure')
    await editor.getByRole('option', { name: 'Create tag “Infrastructure”' }).click()
    await expect(editor.getByText('Infrastructure')).toBeVisible()
    await editor.getByLabel('Note').fill('A concrete deliverable: the bridge stands for the partnership.')
    await page.screenshot({ path: `${SCREENSHOTS}/${testInfo.project.name}-annotating.png` })
    await editor.getByRole('button', { name: 'Done' }).click()
    const card = highlights.getByRole('button', { name: /^Highlight: Heihe-Blagoveshchensk/ })
    await expect(card).toContainText('A concrete deliverable')
    await expect(card).toContainText('Infrastructure')
    await expect(page.getByRole('option', { name: PHONE })).toContainText('✎ 1')

    // Colour change from the editor; then delete, and undo from the toast.
    await card.click()
    await editor.getByRole('radio', { name: 'Blue' }).click()
    await expect.poll(() => paintedHighlights(page)).toMatchObject({ 'pl-blue': 1 })
    await editor.getByRole('button', { name: 'Delete highlight' }).click()
    await expect(highlights.getByRole('heading')).toContainText('(0)')
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click()
    await expect(highlights.getByRole('heading')).toContainText('(1)')

    page = await app.restart()
    await expect(page.getByRole('article', { name: new RegExp(PHONE) })).toBeVisible()
    const restored = page.getByRole('region', { name: 'Highlights' }).getByRole('button', { name: /^Highlight: Heihe-Blagoveshchensk/ })
    await expect(restored).toContainText('A concrete deliverable')
    await expect(restored).toContainText('Infrastructure')
    await expect.poll(() => paintedHighlights(page)).toMatchObject({ 'pl-blue': 1 })
  })

  test('keyboard: highlight with a number key, tag with T, undo and redo with Ctrl+Z', async ({ app }) => {
    const { page } = app
    await page.getByRole('option', { name: PHONE }).click()
    await selectInReader(page, 'core interests concerning sovereignty and security')
    await page.keyboard.press('4')
    const highlights = page.getByRole('region', { name: 'Highlights' })
    await expect(highlights.getByRole('heading')).toContainText('(1)')
    await expect.poll(() => paintedHighlights(page)).toMatchObject({ 'pl-pink': 1 })

    await selectInReader(page, 'global security initiative')
    await page.keyboard.press('t')
    const picker = page.getByRole('dialog', { name: 'Edit highlight' }).getByRole('combobox', { name: 'Add tag' })
    await expect(picker).toBeFocused()
    await picker.fill('Security')
    await picker.press('Enter')
    await expect(page.getByRole('dialog', { name: 'Edit highlight' }).getByRole('button', { name: 'Remove tag Security' })).toBeVisible()
    await page.keyboard.press('Escape')
    await page.locator('.reader-body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('Control+z') // undo "Change tags"
    await page.keyboard.press('Control+z') // undo "Create tag"
    await page.keyboard.press('Control+z') // undo the second highlight
    await expect(highlights.getByRole('heading')).toContainText('(1)')
    await page.keyboard.press('Control+Shift+z')
    await expect(highlights.getByRole('heading')).toContainText('(2)')

    await page.keyboard.press('?')
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden()
  })

  test('search the library, jump to the hit, find in the article', async ({ app }, testInfo) => {
    const { page } = app
    await page.getByRole('option', { name: PHONE }).click()
    await page.keyboard.press('/')
    await expect(page.getByRole('searchbox', { name: 'Search all articles' })).toBeFocused()
    await page.keyboard.type('Ushakov')
    const results = page.getByRole('region', { name: 'Search results' })
    const hit = results.getByRole('button', { name: /video summit/ })
    await expect(hit.locator('mark').first()).toHaveText('Ushakov')
    await page.screenshot({ path: `${SCREENSHOTS}/${testInfo.project.name}-search.png` })
    await hit.click()
    await expect(page.getByRole('article', { name: /video summit/ })).toBeVisible()
    await expect.poll(() => paintedHighlights(page)).toHaveProperty('pl-flash')

    await page.getByRole('searchbox', { name: 'Search all articles' }).fill('"no such phrase anywhere"')
    await expect(results.getByText('No articles match.')).toBeVisible()

    await page.locator('.reader-body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('Control+f')
    const find = page.getByRole('textbox', { name: 'Find in article' })
    await expect(find).toBeFocused()
    await find.fill('Putin')
    await expect(page.getByRole('search', { name: 'Find in article' })).toContainText('1 of 6')
    await find.press('Enter')
    await expect(page.getByRole('search', { name: 'Find in article' })).toContainText('2 of 6')
    expect((await paintedHighlights(page))['pl-find']).toBe(5)
  })

  test('filter and sort the library', async ({ app }) => {
    const { page } = app
    const library = page.getByRole('region', { name: 'Library' })
    await library.getByRole('button', { name: 'Filters' }).click()
    await library.getByLabel('Category').selectOption('CHINA')
    await expect(library.getByText('1 of 2 articles')).toBeVisible()
    const rows = library.getByRole('listbox', { name: 'Articles' }).getByRole('option')
    await expect(rows).toHaveCount(1)
    await library.getByRole('button', { name: 'Clear filters' }).click()
    await library.getByLabel('Sort articles').selectOption('title')
    await expect(rows.first()).toHaveAccessibleName(/^Chinese President/)
    await library.getByRole('listbox', { name: 'Articles' }).focus()
    await page.keyboard.press('ArrowDown')
    await expect(page.getByRole('article', { name: new RegExp(PHONE) })).toBeVisible()
    await page.keyboard.press('PageUp')
    await expect(page.getByRole('article', { name: /^Article: Chinese President/ })).toBeVisible()
    await page.keyboard.press('PageDown')
    await expect(page.getByRole('article', { name: new RegExp(PHONE) })).toBeVisible()
  })

  test('codebook: create, rename, nest, merge tags and retrieve coded passages', async ({ app }, testInfo) => {
    const { page } = app
    await page.getByRole('option', { name: PHONE }).click()
    await selectInReader(page, BRIDGE)
    await page.keyboard.press('t')
    const picker = page.getByRole('dialog', { name: 'Edit highlight' }).getByRole('combobox', { name: 'Add tag' })
    await picker.fill('Connectivity')
    await picker.press('Enter')
    await page.keyboard.press('Escape')

    await page.getByRole('tab', { name: 'Codebook' }).click()
    const codebook = page.getByRole('region', { name: 'Codebook' })
    await codebook.getByLabel('New tag name').fill('Infrastructure')
    await codebook.getByRole('button', { name: 'Add tag' }).click()
    const tree = codebook.getByRole('tree', { name: 'Tags' })
    await expect(tree.getByRole('treeitem')).toHaveCount(2)

    await tree.getByRole('button', { name: 'Connectivity' }).dblclick()
    const rename = codebook.getByLabel('New name for Connectivity')
    await rename.fill('Transport links')
    await rename.press('Enter')
    await expect(tree.getByRole('button', { name: 'Transport links' })).toBeVisible()
    await tree.getByRole('button', { name: 'Transport links' }).click()
    const detail = codebook.getByRole('region', { name: 'Tag Transport links' })
    await expect(detail.getByRole('button', { name: new RegExp(BRIDGE) })).toBeVisible()
    await page.screenshot({ path: `${SCREENSHOTS}/${testInfo.project.name}-codebook.png` })

    await detail.getByLabel('Merge into').selectOption({ label: 'Infrastructure' })
    await expect(tree.getByRole('treeitem')).toHaveCount(1)
    await expect(tree.getByRole('treeitem', { name: /Infrastructure/ })).toContainText('1')
    await codebook
      .getByRole('region', { name: 'Tag Infrastructure' })
      .getByRole('button', { name: new RegExp(BRIDGE) })
      .click()
    await expect(page.getByRole('dialog', { name: 'Edit highlight' }).getByText('Infrastructure')).toBeVisible()
  })

  test('correct an article’s details; the correction is shown everywhere and kept', async ({ app }) => {
    let { page } = app
    await page.getByRole('option', { name: /video summit/ }).click()
    await page.getByRole('button', { name: 'Edit article details' }).click()
    const dialog = page.getByRole('dialog', { name: 'Article details' })
    await dialog.getByLabel('Title').fill('Xi and Putin hold video summit')
    await dialog.getByLabel('Date').fill('2026-02-04')
    await dialog.getByLabel('Outlet').fill('Morning Star')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('option', { name: 'Xi and Putin hold video summit' })).toContainText('Morning Star')
    await expect(page.getByRole('article', { name: /Xi and Putin hold video summit/ }).getByRole('heading', { level: 1 })).toHaveText('Xi and Putin hold video summit')
    page = await app.restart()
    await expect(page.getByRole('option', { name: 'Xi and Putin hold video summit' })).toContainText('Feb 4, 2026')
  })

  test('an article coded line by line: 120 highlights stay fast and reachable from the text', async ({ app }) => {
    const { page } = app
    await page.getByRole('option', { name: /video summit/ }).click()
    const summary = (await callApi<Array<{ id: string; title: string }>>(page, 'library.list', {})).find((a) => /video summit/.test(a.title))!
    const view = await callApi<{ text: string; textHash: string }>(page, 'article.open', { id: summary.id })
    const words = [...view.text.matchAll(/[A-Za-z]{4,}/g)].slice(0, 120)
    for (const w of words) await callApi(page, 'annotations.createHighlight', { articleId: summary.id, start: w.index, end: w.index + w[0].length, textHash: view.textHash, colour: 'blue' })

    const highlights = page.getByRole('region', { name: 'Highlights', exact: true })
    await expect(highlights.getByRole('heading')).toContainText('(120)')
    expect(await paintedHighlights(page)).toMatchObject({ 'pl-blue': 120 })
    // Only the cards near the viewport are in the page.
    const cards = await highlights.getByRole('button', { name: /^Highlight: / }).count()
    expect(cards).toBeGreaterThan(3)
    expect(cards).toBeLessThan(60)

    // Clicking the last highlighted word in the text opens its card, scrolled into view.
    const last = words[words.length - 1]!
    const point = await page.evaluate(
      ({ start, end }) => {
        for (const block of document.querySelectorAll<HTMLElement>('.reader-body [data-block]')) {
          const from = Number(block.dataset.start)
          const node = block.firstChild!
          if (start < from || start >= from + node.textContent!.length) continue
          block.scrollIntoView({ block: 'center' })
          const range = document.createRange()
          range.setStart(node, start - from)
          range.setEnd(node, end - from)
          const rect = range.getBoundingClientRect()
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
        }
        return null
      },
      { start: last.index, end: last.index + last[0]!.length },
    )
    expect(point).not.toBeNull()
    await page.mouse.click(point!.x, point!.y)
    const editor = page.getByRole('dialog', { name: 'Edit highlight' })
    await expect(editor.locator('blockquote')).toHaveText(last[0]!)
    await expect(editor).toBeInViewport()
  })

  test('the sidebar marks the highlights on screen, and follows as the reader scrolls', async ({ app }, testInfo) => {
    const { page } = app
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} of the long dispatch. ${'Delegations met again and talked at length about grain corridors. '.repeat(4)}`)
    writeFileSync(join(app.library, 'long-dispatch.txt'), `Title: Long dispatch\nText:\n${paragraphs.join('\n')}\n`)
    await page.getByRole('option', { name: 'Long dispatch' }).click()
    const reader = page.getByRole('article', { name: /Long dispatch/ })
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Long dispatch')
    await selectInReader(page, 'Paragraph 1 of')
    await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight blue' }).click()
    await page.getByRole('dialog', { name: 'Edit highlight' }).getByRole('button', { name: 'Done' }).click()
    const summary = (await callApi<Array<{ id: string; title: string }>>(page, 'library.list', {})).find((a) => a.title === 'Long dispatch')!
    const view = await callApi<{ text: string; textHash: string }>(page, 'article.open', { id: summary.id })
    const start = view.text.indexOf('Paragraph 40 of')
    await callApi(page, 'annotations.createHighlight', { articleId: summary.id, start, end: start + 'Paragraph 40 of'.length, textHash: view.textHash, colour: 'green' })

    const highlights = page.getByRole('region', { name: 'Highlights', exact: true })
    const first = highlights.getByRole('button', { name: 'Highlight: Paragraph 1 of' })
    const last = highlights.getByRole('button', { name: 'Highlight: Paragraph 40 of' })
    await expect(highlights.getByRole('heading')).toHaveText(/\(2\) · 1 on screen/)
    await expect(first).toHaveClass(/on-screen/)
    await expect(last).not.toHaveClass(/on-screen/)
    await page.screenshot({ path: `${SCREENSHOTS}/${testInfo.project.name}-sidebar-on-screen.png` })

    // Scroll the reader to the end with the mouse wheel, as a reader would.
    await reader.hover()
    for (let i = 0; i < 30 && !(await last.evaluate((el) => el.classList.contains('on-screen'))); i++) {
      await page.mouse.wheel(0, 800)
      await page.waitForTimeout(60)
    }
    await expect(last).toHaveClass(/on-screen/)
    await expect(first).not.toHaveClass(/on-screen/)
    await expect(highlights.getByRole('heading')).toHaveText(/\(2\) · 1 on screen/)
  })
})
