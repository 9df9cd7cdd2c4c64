import type { Page } from '@playwright/test'
import { expect, SCREENSHOTS, test } from './fixtures'
import { paintedHighlights, selectInReader } from './helpers'

const PHONE = 'Xi, Putin hold phone call, vow pragmatic cooperation'
const SUMMIT = /^Chinese President Xi Jinping and his Russian counterpart/

/** Is the passage containing `text` on screen in the reader at `index` (0 left, 1 right)? */
function onScreen(page: Page, text: string, index: number): Promise<boolean> {
  return page.evaluate(
    ({ text, index }) => {
      const scroller = document.querySelectorAll<HTMLElement>('.reader-scroll')[index]
      const block = [...(scroller?.querySelectorAll<HTMLElement>('[data-block]') ?? [])].find((b) => b.textContent?.includes(text))
      if (!scroller || !block) return false
      const box = scroller.getBoundingClientRect()
      const r = block.getBoundingClientRect()
      return r.bottom > box.top && r.top < box.bottom
    },
    { text, index },
  )
}

test.describe('comparing two reports side by side', () => {
  test('open the sample pair, follow, confirm, reject and draw links, highlight in both panes; all of it survives a restart', async ({ app }, testInfo) => {
    let { page } = app
    await page.getByRole('option', { name: PHONE }).click()
    // Shift+click a second row: compare it with the open article.
    await page.getByRole('option', { name: SUMMIT }).click({ modifiers: ['Shift'] })
    const comparison = page.getByRole('region', { name: 'Comparison of two reports' })
    await expect(comparison.getByRole('region', { name: 'Left report' })).toContainText(PHONE)
    await expect(comparison.getByRole('region', { name: 'Right report' })).toContainText('video summit')
    const panel = page.getByRole('complementary', { name: 'Comparison' })
    const sovereignty = panel.getByRole('button', { name: /^Show suggested link: China is willing to work with Russia to continue supporting/ })
    await expect(sovereignty).toBeVisible()
    await expect.poll(() => page.locator('.compare-links path').count()).toBeGreaterThan(0)

    // Clicking the link lands on both passages.
    await sovereignty.click()
    await expect.poll(() => onScreen(page, 'core interests concerning sovereignty', 0)).toBe(true)
    await expect.poll(() => onScreen(page, 'support each other on key issues', 1)).toBe(true)
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme })
      await page.screenshot({ path: `${SCREENSHOTS}/${testInfo.project.name}-compare-${theme}.png` })
    }
    await page.emulateMedia({ colorScheme: 'light' })

    // Confirm it as a paraphrase; reject the next open suggestion.
    const card = panel.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Show suggested link: China is willing to work with Russia to continue supporting/ }) })
    await card.getByRole('combobox', { name: 'Type of link' }).selectOption('paraphrase')
    await card.getByRole('button', { name: 'Confirm' }).click()
    const kept = panel.getByRole('button', { name: /^Show link: China is willing to work with Russia/ })
    await expect(kept).toBeVisible()
    const firstOpen = panel.getByRole('button', { name: /^Show suggested link:/ }).first()
    const rejectedText = (await firstOpen.getAttribute('aria-label'))!
    await panel
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: rejectedText, exact: true }) })
      .getByRole('button', { name: 'Reject' })
      .click()
    await expect(panel.getByRole('button', { name: rejectedText, exact: true })).toHaveCount(0)

    // Draw a link by hand: a passage on each side, a type and a note.
    const byHand = panel.getByRole('region', { name: 'Link by hand' })
    await selectInReader(page, 'The two sides also exchanged views over the Ukraine crisis.', 0)
    await expect(byHand).toContainText('“The two sides also exchanged views')
    await selectInReader(page, 'allow visa-free entry for Russians', 1)
    await expect(byHand).toContainText('“allow visa-free entry for Russians”')
    await byHand.getByRole('combobox', { name: 'Type of the new link' }).selectOption('different-framing')
    await byHand.getByRole('textbox', { name: 'Note on the new link' }).fill('Security there, travel here')
    await byHand.getByRole('button', { name: 'Link' }).click()
    await expect(panel.getByRole('button', { name: /^Show link: The two sides also exchanged views/ })).toBeVisible()
    // Code the hand-drawn link with a new tag.
    const manualCard = panel.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Show link: The two sides also exchanged views/ }) })
    await manualCard.getByRole('combobox', { name: 'Tag this link' }).fill('Framing')
    await manualCard.getByRole('option', { name: 'Create tag “Framing”' }).click()
    await expect(manualCard.getByRole('button', { name: 'Remove tag Framing' })).toBeVisible()

    // Highlighting works in both panes, as in the single reader (back in the reader, out of the tag field).
    await page
      .locator('.reader-scroll')
      .first()
      .click({ position: { x: 5, y: 5 } })
    await selectInReader(page, 'Heihe-Blagoveshchensk cross-border highway bridge', 0)
    await expect(page.getByRole('toolbar', { name: 'Selection actions' })).toBeVisible()
    await page.keyboard.press('2')
    await expect(page.getByRole('option', { name: PHONE })).toContainText('✎ 1')
    await selectInReader(page, 'a new blueprint for China-Russia relations', 1)
    await expect(page.getByRole('toolbar', { name: 'Selection actions' })).toBeVisible()
    await page.keyboard.press('h')
    await expect(page.getByRole('option', { name: SUMMIT })).toContainText('✎ 1')
    await expect.poll(() => paintedHighlights(page)).toMatchObject({ 'pl-green': 1, 'pl-yellow': 1 })

    // The differences and who said what.
    await panel.getByRole('tab', { name: 'Differences' }).click()
    await expect(panel.getByRole('region', { name: 'Only on the left' })).toContainText('Ukraine')
    await expect(panel.getByRole('region', { name: 'Only on the right' })).toContainText('Donald Trump')
    await panel.getByRole('tab', { name: /Who said what/ }).click()
    await expect(panel.getByRole('row', { name: /Yuri Ushakov/ }).first()).toBeVisible()
    await panel.getByRole('tab', { name: 'Note' }).click()
    await panel.getByRole('textbox').fill('Two summits, two framings.')
    await panel.getByRole('tab', { name: /^Links/ }).click()
    await expect(page.getByRole('status')).toContainText('Comparison note saved')

    // Restart: the same pair reopens with everything kept, the rejected suggestion still rejected.
    page = await app.restart()
    const again = page.getByRole('complementary', { name: 'Comparison' })
    await expect(again.getByRole('button', { name: /^Show link: China is willing to work with Russia/ })).toBeVisible()
    await expect(again.getByRole('button', { name: /^Show link: The two sides also exchanged views/ })).toBeVisible()
    await expect(again.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Show link: The two sides also exchanged views/ }) })).toContainText('Framing')
    await expect(again.getByRole('button', { name: rejectedText, exact: true })).toHaveCount(0)
    await expect(again).toContainText('1 rejected suggestion(s) hidden')
    await again.getByRole('tab', { name: 'Note' }).click()
    await expect(again.getByRole('textbox')).toHaveValue('Two summits, two framings.')
    // j steps to a link and brings both ends into view.
    await page
      .locator('.reader-scroll')
      .first()
      .click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('j')
    await expect(page.locator('.connector.is-current')).toHaveCount(1)
    // Swap sides, then close the comparison.
    await page.getByRole('button', { name: '⇄ Swap sides' }).click()
    await expect(page.getByRole('region', { name: 'Left report' })).toContainText('video summit')
    await page.getByRole('button', { name: 'Close comparison' }).click()
    await expect(page.getByRole('region', { name: 'Comparison of two reports' })).toHaveCount(0)
  })
})

test('dragging a library row onto the reader opens the comparison with the open article', async ({ app }) => {
  const { page } = app
  await page.getByRole('option', { name: PHONE }).click()
  await expect(page.getByRole('article', { name: /Xi, Putin hold phone call/ })).toBeVisible()
  await page.getByRole('option', { name: SUMMIT }).dragTo(page.getByRole('region', { name: 'Reader' }))
  await expect(page.getByRole('region', { name: 'Left report' })).toContainText(PHONE)
  await expect(page.getByRole('region', { name: 'Right report' })).toContainText('video summit')
})
