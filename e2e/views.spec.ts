import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, SCREENSHOTS, test } from './fixtures'
import { paintedHighlights, selectInReader } from './helpers'

const PHONE = 'Xi, Putin hold phone call, vow pragmatic cooperation'

/**
 * Finds layout faults a screenshot reviewer would flag: controls whose text is clipped, and
 * visible controls that overlap each other. Returns human-readable descriptions.
 */
function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = []
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect()
      const s = getComputedStyle(el)
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && r.bottom > 0 && r.top < innerHeight
    }
    const name = (el: Element): string => `${el.tagName.toLowerCase()}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`
    const controls = [...document.querySelectorAll('button, select, [role=tab], .chip, .badge, h1, h2, h3')].filter(visible)
    for (const el of controls) {
      const s = getComputedStyle(el)
      // Ellipsis is a deliberate truncation; anything else cut off is a fault.
      if (s.textOverflow !== 'ellipsis' && el.scrollWidth > el.clientWidth + 2 && s.overflowX !== 'auto') faults.push(`clipped: ${name(el)} (${el.scrollWidth} > ${el.clientWidth})`)
    }
    const bars = ['.topbar', '.pane-toolbar', '.find-bar', '.selection-toolbar']
    const boxes = [...document.querySelectorAll(bars.flatMap((b) => [`${b} button`, `${b} select`, `${b} input`]).join(', '))].filter(visible)
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.getBoundingClientRect()
        const b = boxes[j]!.getBoundingClientRect()
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1
        if (overlap && !boxes[i]!.contains(boxes[j]!) && !boxes[j]!.contains(boxes[i]!)) faults.push(`overlap: ${name(boxes[i]!)} / ${name(boxes[j]!)}`)
      }
    return faults
  })
}

/** Serious and critical WCAG 2.1 A/AA violations axe-core finds on the page as it is now. */
async function accessibilityFaults(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 4).map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`))
}

async function shoot(page: Page, project: string, view: string, theme: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready)
  expect(await layoutFaults(page), `${view} (${theme})`).toEqual([])
  expect(await accessibilityFaults(page), `axe: ${view} (${theme})`).toEqual([])
  await page.screenshot({ path: `${SCREENSHOTS}/${project}-view-${view}-${theme}.png` })
}

test('every view, in light and dark theme, is laid out without clipped or overlapping controls', async ({ app }, testInfo) => {
  const { page } = app
  const project = testInfo.project.name
  // "System theme" follows the OS.
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(23, 24, 26)')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(246, 244, 239)')

  // A working state: three highlights, two tags, notes.
  await page.getByRole('option', { name: PHONE }).click()
  const passages: Array<[string, string, string]> = [
    ['Heihe-Blagoveshchensk cross-border highway bridge', '1', 'Infrastructure'],
    ['core interests concerning sovereignty and security', '4', 'Sovereignty'],
    ['deepening their strategic coordination', '2', 'Infrastructure'],
    // Overlaps the previous one: both must stay visible.
    ['strategic coordination, and strengthening communication', '5', 'Sovereignty'],
  ]
  for (const [text, colourKey, tag] of passages) {
    await selectInReader(page, text)
    await page.keyboard.press(colourKey)
    const picker = page.getByRole('dialog', { name: 'Edit highlight' }).getByRole('combobox', { name: 'Add tag' })
    await picker.click()
    await picker.fill(tag)
    await picker.press('Enter')
    await expect(page.getByRole('dialog', { name: 'Edit highlight' }).getByRole('button', { name: `Remove tag ${tag}` })).toBeVisible()
    await page.getByRole('dialog', { name: 'Edit highlight' }).getByLabel('Note').fill(`Why this passage matters: ${tag.toLowerCase()}.`)
    await page.getByRole('dialog', { name: 'Edit highlight' }).getByRole('button', { name: 'Done' }).click()
  }

  for (const theme of ['light', 'dark'] as const) {
    await page.getByLabel('Theme').selectOption(theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)

    await page.getByRole('tab', { name: 'Library' }).click()
    await page.getByRole('option', { name: PHONE }).click()
    await expect(page.getByRole('region', { name: 'Highlights' }).getByRole('heading')).toContainText('(4)')
    expect(await paintedHighlights(page)).toMatchObject({ 'pl-overlap': 1, 'pl-purple': 1 })
    await shoot(page, project, 'reader', theme)

    await page.getByRole('button', { name: 'Filters', exact: true }).click()
    await expect(page.getByRole('group', { name: 'Library filters' })).toBeVisible()
    await shoot(page, project, 'library-filters', theme)
    await page.getByRole('button', { name: 'Filters', exact: true }).click()

    await page.getByLabel('Search all articles').fill('security')
    await expect(page.getByRole('region', { name: 'Search results' }).locator('mark').first()).toBeVisible()
    await shoot(page, project, 'search', theme)
    await page.getByLabel('Search all articles').fill('zzqxj')
    await expect(page.getByRole('region', { name: 'Search results' })).toContainText('No articles match.')
    await shoot(page, project, 'search-empty', theme)
    await page.getByLabel('Search all articles').fill('')

    await page.getByRole('tab', { name: 'Codebook' }).click()
    await page.getByRole('tree', { name: 'Tags' }).getByRole('button', { name: 'Infrastructure' }).click()
    await expect(page.getByRole('region', { name: 'Tag Infrastructure' })).toBeVisible()
    await shoot(page, project, 'codebook', theme)

    await page.getByRole('tab', { name: 'Library' }).click()
    await page.getByRole('option', { name: /video summit/ }).click()
    await expect(page.getByRole('region', { name: 'Highlights' })).toContainText(/No highlights|Select text/)
    await shoot(page, project, 'reader-no-highlights', theme)

    await page.keyboard.press('Control+f')
    await page.keyboard.type('Putin')
    await expect(page.getByRole('search')).toContainText(/of \d+/)
    await shoot(page, project, 'find', theme)
    await page.keyboard.press('Escape')

    await page.keyboard.press('[')
    await page.keyboard.press(']')
    await expect(page.getByRole('region', { name: 'Library' })).toBeHidden()
    await shoot(page, project, 'reader-focus', theme)
    await page.keyboard.press('[')
    await page.keyboard.press(']')

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click()
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    await shoot(page, project, 'help', theme)
    await page.keyboard.press('Escape')

    await page.getByRole('button', { name: 'Export…' }).click()
    await expect(page.getByRole('dialog', { name: /Export/ })).toBeVisible()
    await shoot(page, project, 'export', theme)
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog', { name: /Export/ })).toHaveCount(0)

    await page.getByRole('button', { name: 'Compare…' }).click()
    await expect(page.locator('.compare-gutter .connector').first()).toBeAttached()
    await shoot(page, project, 'compare', theme)
    await page.getByRole('button', { name: 'Close comparison' }).click()
  }
})

test('the layout check catches a deliberate overlap in a toolbar', async ({ app }) => {
  const { page } = app
  await expect(page.locator('.pane-toolbar').first()).toBeVisible()
  expect(await layoutFaults(page)).toEqual([])
  // Pull the library toolbar's second control over its first.
  await page.locator('.library-pane .pane-toolbar > :nth-child(2)').evaluate((el) => el instanceof HTMLElement && el.style.setProperty('margin-left', '-4rem', 'important'))
  expect((await layoutFaults(page)).join('\n')).toMatch(/^overlap: /m)
})

test('the accessibility check catches a deliberate violation', async ({ app }) => {
  const { page } = app
  await expect(page.getByRole('listbox', { name: 'Articles' })).toBeVisible()
  expect(await accessibilityFaults(page)).toEqual([])
  // A button with no name, and grey on grey text: both serious or critical for axe.
  await page.evaluate(() => {
    const b = document.createElement('button')
    document.querySelector('.topbar')?.append(b)
    const p = document.createElement('p')
    p.textContent = 'Hard to read'
    p.style.cssText = 'color:#bbb;background:#ccc'
    document.querySelector('.topbar')?.append(p)
  })
  const faults = await accessibilityFaults(page)
  expect(faults.some((f) => f.startsWith('button-name'))).toBe(true)
  expect(faults.some((f) => f.startsWith('color-contrast'))).toBe(true)
})
