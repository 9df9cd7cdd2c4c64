import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { Document, Packer, Paragraph } from 'docx'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { expect, freePort, SCREENSHOTS, startServe, stopServe, test } from './fixtures'
import { selectInReader } from './helpers'

const article = (title: string, body: string): string => `Published Time: 2024-03-05\nTitle: ${title}\nAuthor: Field Desk\nCategory 1: World; Category 2: Europe\nText:\n${body}\n`

const list = (page: Page) => page.getByRole('listbox', { name: 'Articles' })

/** Drops files on the window the way the OS does: a DataTransfer holding File objects. */
async function dropFiles(page: Page, files: Array<{ name: string; text: string }>): Promise<void> {
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer()
    for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }))
    return dt
  }, files)
  const root = page.locator('.app')
  await root.dispatchEvent('dragover', { dataTransfer })
  await root.dispatchEvent('drop', { dataTransfer })
}

test.describe('library: a watched folder', () => {
  test('a Markdown file whose front-matter title is also its first heading shows the title once', async ({ app }) => {
    const { page, library } = app
    writeFileSync(join(library, 'summit.md'), '---\ntitle: "Summit report: what was agreed"\noutlet: Example Wire\n---\n\n# Summit report — what was agreed\n\nThe two leaders met on Monday.\n')
    await list(page)
      .getByRole('option', { name: /Summit report/ })
      .click()
    const reader = page.getByRole('article', { name: /Summit report/ })
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Summit report: what was agreed')
    await expect(reader.getByText('The two leaders met on Monday.')).toBeVisible()
    await expect(reader.getByRole('heading', { name: /Summit report/ })).toHaveCount(1)
  })

  test('files added, changed, renamed and deleted in the folder show up live, without losing the reader', async ({ app }) => {
    const { page, library } = app
    await expect(list(page).getByRole('option')).toHaveCount(2)
    await list(page)
      .getByRole('option', { name: /video summit/ })
      .click()
    const reader = page.getByRole('article', { name: /video summit/ })
    await expect(reader.locator('.block')).toHaveCount(14)
    // Narrow window so the reader scrolls; remember where the researcher was.
    await page.setViewportSize({ width: 1100, height: 520 })
    const scroller = page.locator('.reader-scroll')
    await scroller.evaluate((el) => (el.scrollTop = 260))
    const scrolled = await scroller.evaluate((el) => el.scrollTop)
    expect(scrolled).toBeGreaterThan(100)
    // …and what they had selected.
    await selectInReader(page, 'Vladimir Putin')
    const selected = (): Promise<string> => page.evaluate(() => window.getSelection()!.toString())
    expect(await selected()).toBe('Vladimir Putin')

    // Added: a new file appears within a second or so.
    writeFileSync(join(library, 'baltic.txt'), article('Baltic ports brace for winter', 'Ports along the Baltic prepared for ice.'))
    const baltic = list(page).getByRole('option', { name: 'Baltic ports brace for winter' })
    await expect(baltic).toBeVisible({ timeout: 3000 })
    await expect(baltic).toContainText('Field Desk')
    await expect(baltic).toContainText('Mar 5, 2024')
    // The open reader did not move, and the selection is still there.
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(scrolled)
    expect(await selected()).toBe('Vladimir Putin')
    await expect(reader).toBeVisible()

    // Changed: the title follows the file.
    writeFileSync(join(library, 'baltic.txt'), article('Baltic ports brace for a hard winter', 'Ports along the Baltic prepared for ice. Icebreakers were booked.'))
    await expect(list(page).getByRole('option', { name: 'Baltic ports brace for a hard winter' })).toBeVisible({ timeout: 3000 })
    await expect(list(page).getByRole('option')).toHaveCount(3)

    // Renamed into a subfolder: same article, not a removal plus an addition.
    await list(page)
      .getByRole('option', { name: /Baltic ports/ })
      .click()
    const balticReader = page.getByRole('article', { name: /Baltic ports/ })
    await expect(balticReader).toContainText('Icebreakers were booked.')
    renameSync(join(library, 'baltic.txt'), join(library, 'baltic-renamed.txt'))
    await expect(list(page).getByRole('option', { name: /Baltic ports/ })).toHaveAttribute('title', /baltic-renamed\.txt/, { timeout: 3000 })
    await expect(list(page).getByRole('option')).toHaveCount(3)
    await expect(balticReader).toContainText('Icebreakers were booked.')

    // Deleted while open: the researcher is told, and the list drops it.
    rmSync(join(library, 'baltic-renamed.txt'))
    await expect(page.getByRole('alert').filter({ hasText: 'deleted or moved out of the library folder' })).toBeVisible({ timeout: 3000 })
    await expect(list(page).getByRole('option')).toHaveCount(2)
  })

  test('unreadable files are listed with a specific reason, never dropped or crashing the app', async ({ app }, testInfo) => {
    const { page, library } = app
    writeFileSync(join(library, 'scan.pdf'), Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'))
    writeFileSync(join(library, 'empty.txt'), '   \n\n  ')
    writeFileSync(join(library, 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]))
    writeFileSync(join(library, 'header-only.txt'), 'Title: Nothing follows\nAuthor: Someone\nText:\n')
    // Junk the OS and editors leave behind is not listed at all.
    writeFileSync(join(library, '.DS_Store'), 'junk')
    writeFileSync(join(library, '~$draft.txt'), 'lock')
    writeFileSync(join(library, 'notes.txt.swp'), 'swap')

    await expect(list(page).getByRole('option')).toHaveCount(6, { timeout: 4000 })
    const reasons: Array<[RegExp, RegExp]> = [
      [/scan\.pdf/, /This PDF could not be read/],
      [/empty/i, /only blank space/],
      [/photo/i, /binary/i],
      [/Nothing follows/, /no article text/],
    ]
    for (const [name, reason] of reasons) {
      const row = list(page).getByRole('option', { name })
      await expect(row.getByLabel(/^Warning:/)).toHaveAttribute('aria-label', reason)
      // The reason is also written out under the title, not only in the badge.
      await expect(row).toContainText(reason)
    }
    await page.screenshot({ path: `${SCREENSHOTS}/${testInfo.project.name}-library-warnings.png` })

    // Opening an unreadable file explains itself instead of showing a blank reader.
    await list(page).getByRole('option', { name: /photo/i }).click()
    await expect(page.getByRole('alert').filter({ hasText: /binary/i })).toBeVisible()
    // The app is still alive: the sample reports still open.
    await list(page)
      .getByRole('option', { name: /phone call/ })
      .click()
    await expect(page.getByRole('article', { name: /phone call/ }).locator('.block')).toHaveCount(7)
  })

  test('dropping files on the window imports them; clashes get a new name, duplicates and unsupported files are reported', async ({ app }) => {
    const { page, library } = app
    const sampleName = readdirSync(library).find((n) => n.endsWith('.txt') && readFileSync(join(library, n), 'utf8').includes('Xi, Putin hold phone call'))!
    const sample = readFileSync(join(library, sampleName), 'utf8')

    await dropFiles(page, [
      {
        name: 'arctic.md',
        text: '---\ntitle: Arctic shipping lanes open\ndate: 2024-07-01\nauthor: Polar Desk\ntags: [arctic, shipping]\n---\n\n# Arctic shipping lanes open\n\nThe northern route saw **record** traffic.\n\n<script>document.title = "pwned"</script>\n',
      },
    ])
    await expect(page.getByRole('status')).toContainText('Imported 1 article')
    // The single imported article opens once the library lists it.
    const reader = page.getByRole('article', { name: 'Arctic shipping lanes open' })
    await expect(reader).toContainText('The northern route saw record traffic.')
    await expect(page).not.toHaveTitle('pwned')
    expect(existsSync(join(library, 'arctic.md'))).toBe(true)

    await dropFiles(page, [
      { name: 'arctic.md', text: '# Arctic, second draft\n\nA different text under the same name.\n' },
      { name: sampleName, text: sample },
      { name: 'slides.pptx', text: 'PK' },
    ])
    const status = page.getByRole('status')
    await expect(status).toContainText('Imported 1 article')
    await expect(status).toContainText(`1 already in the library (${sampleName})`)
    await expect(status).toContainText('slides.pptx')
    // Never overwritten: the clash got its own name.
    expect(readFileSync(join(library, 'arctic.md'), 'utf8')).toContain('Arctic shipping lanes open')
    const copies = readdirSync(library).filter((n) => n.startsWith('arctic'))
    expect(copies).toHaveLength(2)
    await expect(list(page).getByRole('option')).toHaveCount(4)
    await expect(list(page).getByRole('option', { name: 'Arctic, second draft' })).toBeVisible()
  })

  test('PDF and Word files dropped or chosen are read like any article, and can be highlighted', async ({ app }) => {
    const { page } = app
    const pdf = await PDFDocument.create()
    pdf.setTitle('Arctic council meets in Tromso')
    pdf.setAuthor('Ana Field')
    const font = await pdf.embedFont(StandardFonts.Helvetica)
    const first = pdf.addPage([595, 842])
    first.drawText('The council met in Tromso and agreed on shipping rules for', { x: 60, y: 700, size: 12, font })
    first.drawText('the northern sea route.', { x: 60, y: 685, size: 12, font })
    const word = new Document({ title: 'Grain deal extended', creator: 'Desk', sections: [{ children: [new Paragraph('The grain deal was extended by sixty days.')] }] })
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import files…' }).click()
    await (
      await chooser
    ).setFiles([
      { name: 'arctic.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await pdf.save()) },
      { name: 'grain.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await Packer.toBuffer(word) },
    ])
    await expect(page.getByRole('status')).toContainText('Imported 2 articles')
    await list(page)
      .getByRole('option', { name: /Arctic council meets in Tromso/ })
      .click()
    const reader = page.getByRole('article', { name: /Arctic council/ })
    await expect(reader).toContainText('agreed on shipping rules for the northern sea route.')
    await expect(reader).toContainText('Ana Field')
    await selectInReader(page, 'shipping rules')
    await page.keyboard.press('h')
    await expect(page.getByRole('region', { name: 'Highlights' }).getByRole('heading')).toContainText('(1)')
    await expect(page.getByRole('dialog', { name: 'Edit highlight' }).locator('blockquote')).toHaveText('shipping rules')
    await list(page).getByRole('option', { name: 'Grain deal extended' }).click()
    await expect(page.getByRole('article', { name: /Grain deal extended/ })).toContainText('The grain deal was extended by sixty days.')
  })

  test('Import files… opens a file dialog and imports the chosen files', async ({ app }) => {
    const { page, library } = app
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import files…' }).click()
    await (
      await chooser
    ).setFiles([
      {
        name: 'kyiv.html',
        mimeType: 'text/html',
        buffer: Buffer.from(
          '<html><head><title>Kyiv talks stall | Daily</title></head><body><nav>Home · World</nav><article><h1>Kyiv talks stall</h1><p>Negotiators left without a date for the next round.</p><p>Both sides blamed the other.</p></article><script>alert(1)</script></body></html>',
        ),
      },
      { name: 'minsk.txt', mimeType: 'text/plain', buffer: Buffer.from(article('Minsk hosts forum', 'Delegates arrived on Monday.')) },
    ])
    await expect(page.getByRole('status')).toContainText('Imported 2 articles')
    await expect(list(page).getByRole('option', { name: /Kyiv talks stall/ })).toBeVisible()
    await expect(list(page).getByRole('option', { name: 'Minsk hosts forum' })).toBeVisible()
    expect(existsSync(join(library, 'kyiv.html'))).toBe(true)
    await list(page)
      .getByRole('option', { name: /Kyiv talks stall/ })
      .click()
    const reader = page.getByRole('article', { name: /Kyiv talks stall/ })
    await expect(reader).toContainText('Negotiators left without a date for the next round.')
    await expect(reader).not.toContainText('Home · World')
  })

  test('editing an article on disk re-anchors its highlights: moved ones follow the text, lost ones become orphans with their notes', async ({ app }) => {
    const { page, library } = app
    const name = readdirSync(library).find((n) => n.endsWith('.txt') && readFileSync(join(library, n), 'latin1').includes('Xi, Putin hold phone call'))!
    await list(page)
      .getByRole('option', { name: /phone call/ })
      .click()
    const highlights = page.getByRole('region', { name: 'Highlights', exact: true })
    for (const [text, note] of [
      ['Heihe-Blagoveshchensk cross-border highway bridge', 'Infrastructure as symbol.'],
      ['core interests concerning sovereignty and security', 'Sovereignty frame.'],
    ] as const) {
      await selectInReader(page, text)
      await page.keyboard.press('n')
      await page.getByRole('dialog', { name: 'Edit highlight' }).getByLabel('Note').fill(note)
      await page.getByRole('dialog', { name: 'Edit highlight' }).getByRole('button', { name: 'Done' }).click()
    }
    await expect(highlights.getByRole('heading')).toContainText('(2)')

    // An editor rewrites the file: a new first paragraph, and the bridge sentence is cut.
    const bytes = readFileSync(join(library, name))
    const original = bytes.toString('latin1')
    const edited = original
      .replace('Text: \n', "Text: \nEditor's note: this report was updated on Thursday.\n")
      .replace(/adding that the Heihe-Blagoveshchensk cross-border highway bridge has opened to traffic, creating a new channel connecting the two countries\./, 'adding that trade had grown.')
    expect(edited).not.toBe(original)
    writeFileSync(join(library, name), Buffer.from(edited, 'latin1'))

    const reader = page.getByRole('article', { name: /phone call/ })
    await expect(reader).toContainText("Editor's note: this report was updated on Thursday.", { timeout: 4000 })
    const card = highlights.getByRole('button', { name: /^Highlight: core interests/ })
    await expect(card).toContainText('Moved')
    await expect(card).toContainText('Sovereignty frame.')
    const orphans = page.getByRole('region', { name: 'Orphaned highlights' })
    await expect(orphans).toContainText('Heihe-Blagoveshchensk cross-border highway bridge')
    await expect(orphans).toContainText('Infrastructure as symbol.')
    await expect(orphans).toContainText('Not found')
    await expect(highlights.getByRole('heading')).toContainText('(1)')
  })
})

test.describe('library: a folder bigger than the OS lets an app watch', () => {
  test.skip(({ hostKind }) => hostKind !== 'serve', 'the OS limit is lowered for one `parallax serve` process; Electron is covered by the same watcher')

  test('the library says it polls instead, and changes still arrive', async ({ browser }, testInfo) => {
    // A user namespace has its own inotify limit (/proc/sys/user/max_inotify_watches), so the
    // server can run out of watches without touching the rest of the machine.
    const lowered = ['unshare', '-Ur', 'sh', '-c', 'echo 20 > /proc/sys/user/max_inotify_watches && exec "$@"', 'sh']
    const probe = spawnSync(lowered[0]!, [...lowered.slice(1), 'true'])
    testInfo.skip(process.platform !== 'linux' || probe.status !== 0, 'needs Linux user namespaces (`unshare -Ur`) to lower the inotify limit for one process')
    const root = mkdtempSync(join(tmpdir(), 'parallax-e2e-limit-'))
    const library = join(root, 'library')
    mkdirSync(join(root, 'home'))
    for (let i = 0; i < 40; i++) {
      mkdirSync(join(library, `desk-${String(i).padStart(2, '0')}`), { recursive: true })
      writeFileSync(join(library, `desk-${String(i).padStart(2, '0')}`, 'report.txt'), article(`Desk report ${i}`, `Filed by desk ${i}.`))
    }
    const server = await startServe(library, join(root, 'home'), await freePort(), lowered)
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(server.url)
      await expect(page.getByRole('region', { name: 'Library' }).getByText('40 articles')).toBeVisible()
      // Stated where the researcher looks for the library, for as long as it holds.
      await expect(page.getByRole('region', { name: 'Library' }).getByRole('status')).toContainText('checks it for changes every second', { timeout: 10_000 })
      await page.screenshot({ path: `${SCREENSHOTS}/${testInfo.project.name}-polling.png` })
      writeFileSync(join(library, 'desk-39', 'late.txt'), article('Late filing from desk 39', 'Arrived while the folder was polled.'))
      await expect(page.getByRole('region', { name: 'Library' }).getByText('41 articles')).toBeVisible({ timeout: 5000 })
      await page.getByRole('searchbox', { name: 'Filter library' }).fill('late filing')
      await expect(list(page).getByRole('option', { name: 'Late filing from desk 39' })).toBeVisible()
    } finally {
      await context.close()
      await stopServe(server.proc)
      rmSync(root, { recursive: true, force: true })
    }
  })
})
