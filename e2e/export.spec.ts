import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, SCREENSHOTS, test } from './fixtures'
import { callApi, selectInReader } from './helpers'

const PHONE = 'Xi, Putin hold phone call, vow pragmatic cooperation'
const SUMMIT = /^Chinese President Xi Jinping and his Russian counterpart/
const BRIDGE = 'Heihe-Blagoveshchensk cross-border highway bridge'

/** Exports from the open dialog and returns the downloaded file's name and bytes. */
async function exportFile(page: Page, scope: string, format: string): Promise<{ name: string; bytes: Buffer }> {
  const dialog = page.getByRole('dialog', { name: 'Export annotated notes' })
  await dialog.getByRole('radio', { name: scope }).check()
  await dialog.getByRole('radio', { name: new RegExp(`^${format}`) }).check()
  await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toBeEnabled()
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()])
  const path = await download.path()
  return { name: download.suggestedFilename(), bytes: readFileSync(path!) }
}

test.describe('exporting annotated notes', () => {
  test('an article, a tag and a comparison in each format from the dialog; the W3C file imports back without duplicates', async ({ app }, testInfo) => {
    test.skip(testInfo.project.name !== 'chromium-serve', 'downloads are checked in the browser host')
    const { page } = app
    await page.getByRole('option', { name: PHONE }).click()
    await selectInReader(page, BRIDGE)
    await expect(page.getByRole('toolbar', { name: 'Selection actions' })).toBeVisible()
    await page.keyboard.press('2')
    await expect(page.getByRole('option', { name: PHONE })).toContainText('✎ 1')
    const list = await callApi<Array<{ id: string; path: string }>>(page, 'library.list', {})
    const phone = list.find((a) => a.path.startsWith('000_'))!
    const highlight = (await callApi<{ highlights: Array<{ id: string }> }>(page, 'annotations.list', { articleId: phone.id })).highlights[0]!
    const tag = await callApi<{ id: string }>(page, 'codebook.create', { name: 'Infrastructure', description: '', parentId: null })
    await callApi(page, 'annotations.updateHighlight', { id: highlight.id, patch: { tagIds: [tag.id], note: 'A <b>bridge</b>, =1+1' } })

    // The dialog: by the keyboard, with a live preview.
    await page
      .locator('.reader-scroll')
      .first()
      .click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('e')
    const dialog = page.getByRole('dialog', { name: 'Export annotated notes' })
    await dialog.getByRole('radio', { name: 'This article' }).check()
    await dialog.getByRole('radio', { name: /^Markdown notes/ }).check()
    await expect(dialog.getByRole('region', { name: 'Preview' })).toContainText(BRIDGE)
    await page.screenshot({ path: `${SCREENSHOTS}/${testInfo.project.name}-export-dialog.png` })

    const md = await exportFile(page, 'This article', 'Markdown notes')
    expect(md.name).toMatch(/\.md$/)
    expect(md.bytes.toString()).toMatch(/^---\ntitle: Xi, Putin hold phone call/)
    expect(md.bytes.toString()).toContain(`> ${BRIDGE}`)
    expect(md.bytes.toString()).toContain('A &lt;b&gt;bridge&lt;/b&gt;, =1+1')

    await page.getByRole('button', { name: 'Export…' }).click()
    await dialog.getByRole('radio', { name: 'Everything under a tag' }).check()
    await expect(dialog.getByRole('combobox', { name: 'Tag to export' })).toHaveValue(tag.id)
    const csv = await exportFile(page, 'Everything under a tag', 'CSV table')
    const text = csv.bytes.toString('utf8')
    expect(text.startsWith('\uFEFFrecord_type,annotation_id')).toBe(true)
    expect(text).toContain(`${BRIDGE}`)
    expect(text).toContain('"A <b>bridge</b>, =1+1"')

    await page.getByRole('button', { name: 'Export…' }).click()
    const html = await exportFile(page, 'This article', 'HTML report')
    expect(html.bytes.toString()).toContain('<mark style="background:#bfe8b5">')
    // The PDF is this report printed by Chromium: print it and look at its first page.
    const report = await page.context().newPage()
    await report.setContent(html.bytes.toString())
    await report.emulateMedia({ media: 'print' })
    await report.pdf({ path: `${SCREENSHOTS}/${testInfo.project.name}-report.pdf`, format: 'A4' })
    await report.setViewportSize({ width: 794, height: 1123 })
    await report.screenshot({ path: `${SCREENSHOTS}/${testInfo.project.name}-report-page1.png` })
    await report.close()

    await page.getByRole('button', { name: 'Export…' }).click()
    const qdpx = await exportFile(page, 'The whole library', 'REFI-QDA project')
    expect(qdpx.name).toMatch(/\.qdpx$/)
    expect(qdpx.bytes.subarray(0, 2).toString()).toBe('PK')

    // A comparison, as W3C JSON-LD; then imported back: nothing is added twice.
    await page.getByRole('option', { name: SUMMIT }).click({ modifiers: ['Shift'] })
    await expect(page.getByRole('region', { name: 'Comparison of two reports' })).toBeVisible()
    await page.getByRole('button', { name: 'Export…' }).click()
    const w3c = await exportFile(page, 'This comparison', 'W3C Web Annotation')
    const json = JSON.parse(w3c.bytes.toString()) as { type: string; first: { items: Array<{ motivation: string }> } }
    expect(json.type).toBe('AnnotationCollection')
    expect(json.first.items.map((i) => i.motivation)).toContain('commenting')
    await page.getByRole('button', { name: 'Export…' }).click()
    await dialog.getByLabel('Choose an annotation file to import').setInputFiles({ name: w3c.name, mimeType: 'application/ld+json', buffer: w3c.bytes })
    await expect(page.getByRole('status')).toContainText('1 already in the library')
  })
})

test('the desktop app saves the HTML report as a PDF printed by Chromium', async ({ app }) => {
  test.skip(app.kind !== 'electron', 'printToPDF is the desktop path; the browser host prints the HTML report with its print stylesheet (checked above)')
  const { page } = app
  const target = join(app.library, '..', 'report.pdf')
  // The native save dialog cannot be clicked by a test: the main process answers it with a path.
  await app.electronApp!().evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as unknown as typeof dialog.showSaveDialog
  }, target)
  await page.getByRole('option', { name: PHONE }).click()
  await selectInReader(page, BRIDGE)
  await page.keyboard.press('2')
  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export annotated notes' })
  await dialog.getByRole('radio', { name: 'This article' }).check()
  await dialog.getByRole('radio', { name: /^HTML report/ }).check()
  await dialog.getByRole('button', { name: 'Save as PDF…' }).click()
  await expect(page.getByRole('status')).toContainText('Saved the report of 1 highlights')
  const pdf = readFileSync(target)
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  expect(pdf.length).toBeGreaterThan(5000)
})
