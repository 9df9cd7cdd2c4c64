/**
 * Renderer figures for `npm run bench`: opens a 10,000-word article carrying 1,000 highlights
 * in Debian's Chromium over `parallax serve`, and highlights a selection, timing each from the
 * user's action to the frame after the highlights are painted (the Reader's
 * `parallax:painted` User Timing mark). A Chrome performance trace of both is saved, and its
 * longest main-thread task is reported. Prints figures; asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import { generateLibrary, prng } from '../src/cli/bench-corpus'

const WORDS =
  'summit talks cooperation sovereignty security economic trade energy sanctions bilateral strategic partnership relations dialogue region council agreement crisis resolution diplomacy official statement meeting foreign policy'.split(
    ' ',
  )
const RUNS = 7
const TRACE = 'bench-results/renderer-trace.json'

function longArticle(words: number): string {
  const rand = prng(7)
  const paragraphs: string[] = []
  for (let n = 0; n < words;) {
    const sentences: string[] = []
    for (let s = 0; s < 5; s++) {
      const w = Array.from({ length: 20 }, () => WORDS[Math.floor(rand() * WORDS.length)])
      w[0] = w[0]!.charAt(0).toUpperCase() + w[0]!.slice(1)
      sentences.push(w.join(' ') + '.')
      n += 20
    }
    paragraphs.push(sentences.join(' '))
  }
  return `Published Time: 2024-01-01\nTitle: A very long report\nAuthor: Bench Desk\nText:\n${paragraphs.join('\n')}\n`
}

async function startServe(folder: string, home: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['bin/parallax.js', 'serve', '--folder', folder], { env: { ...process.env, HOME: home, XDG_DATA_HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /Open (http:\/\/\S+)/.exec(out)
      if (m) resolve(m[1]!)
    })
    proc.on('exit', (code) => reject(new Error(`parallax serve exited with ${code}`)))
  })
  return { proc, url }
}

async function call<T>(url: URL, method: string, args: unknown): Promise<T> {
  const res = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${url.searchParams.get('token')}` },
    body: JSON.stringify(args),
  })
  const body = (await res.json()) as { ok: boolean; result: T; error?: { message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
  return body.result
}

/** Runs `action` in the page and resolves with ms until the frame after a matching paint mark. */
function timeToPaint(page: Page, action: 'open' | 'highlight', expectHighlights: number): Promise<number> {
  return page.evaluate(
    ({ action, expectHighlights }) =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now()
        const seen: number[] = []
        setTimeout(() => reject(new Error(`no paint with ${expectHighlights} highlights after ${action}; saw ${seen.join(', ')}`)), 10_000)
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            const detail = (e as PerformanceMark).detail as { highlights: number }
            seen.push(detail.highlights)
            if (detail.highlights === expectHighlights) {
              observer.disconnect()
              // The next frame is the one that shows it.
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)))
            }
          }
        })
        observer.observe({ type: 'mark' })
        if (action === 'open') (document.querySelector('[role=option][aria-label="A very long report"]') as HTMLElement).click()
        else document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }))
      }),
    { action, expectHighlights },
  )
}

/**
 * Opens the long article `runs` times (from the short one), then highlights `runs` new
 * selections in it; `highlights` is how many the article holds before.
 */
async function openAndHighlight(page: Page, runs: number, highlights: number): Promise<{ open: number[]; highlight: number[] }> {
  const open: number[] = []
  await page.getByRole('option', { name: 'A short note' }).click()
  await page.getByRole('article', { name: /A short note/ }).waitFor()
  for (let r = 0; r < runs; r++) {
    open.push(await timeToPaint(page, 'open', highlights))
    await page.getByRole('option', { name: 'A short note' }).click()
    await page.getByRole('article', { name: /A short note/ }).waitFor()
  }
  await page.getByRole('option', { name: 'A very long report' }).click()
  await page.getByRole('article', { name: /A very long report/ }).waitFor()

  const highlight: number[] = []
  const blocks = await page.locator('.reader-body [data-block]').count()
  for (let r = 0; r < runs; r++) {
    // Select a few characters in a new place each time (the same range again would recolour, not add).
    const at = highlights - 1000 + r
    await page.evaluate(
      ({ block: b, offset }) => {
        const block = document.querySelectorAll('.reader-body [data-block]')[b]!
        // As a reader would: scroll the paragraph into view, then select in it.
        block.scrollIntoView({ block: 'center' })
        const node = block.firstChild!
        window.getSelection()!.setBaseAndExtent(node, offset, node, offset + 6)
      },
      { block: at % blocks, offset: 3 + 10 * Math.floor(at / blocks) },
    )
    await page.waitForTimeout(200)
    highlight.push(
      await timeToPaint(page, 'highlight', highlights + 1 + r).catch(async (e: Error) => {
        await page.screenshot({ path: 'bench-results/renderer-failure.png' })
        throw e
      }),
    )
    await page.keyboard.press('Escape')
  }
  return { open, highlight }
}

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  args?: { name?: string; src_func?: string; chrome_mojo_event_info?: { mojo_interface_tag?: string } }
}

/** The mark that tells the page's renderer process apart from the browser's own in a trace. */
const PAGE_MARK = 'bench:page'

interface TaskFigures {
  longest: number
  over50: number
  count: number
  /** Tasks that began with a DevTools protocol message: the bench driving the page, not the app. */
  harness: number
  /** Each task over 50 ms: when it began, what ran it, and the synchronous calls it waited on. */
  slow: string[]
}

/**
 * Top-level tasks of the page's main thread. A browser trace also holds Chrome's own renderers
 * (headless Chromium keeps a WebUI renderer for its omnibox, whose 40–80 ms tasks were once
 * counted here), so only the process that recorded PAGE_MARK counts. Tasks opened by a DevTools
 * message are Playwright's own work in the page (injecting its 330 KB selector engine, asking
 * for layout to aim the mouse); they are counted apart.
 */
function pageTasks(events: TraceEvent[]): TaskFigures {
  const pid = events.find((e) => e.name === PAGE_MARK)?.pid
  if (pid === undefined) throw new Error(`the trace holds no ${PAGE_MARK} mark: record the blink.user_timing category`)
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === pid).map((e) => e.tid))
  const onMain = events.filter((e) => e.ph === 'X' && e.pid === pid && main.has(e.tid))
  const devtools = onMain.filter((e) => e.name === 'Receive mojo message' && e.args?.chrome_mojo_event_info?.mojo_interface_tag === 'blink.mojom.DevToolsSession')
  const fromHarness = (task: TraceEvent): boolean => devtools.some((d) => d.ts >= task.ts && d.ts - task.ts < 100 && d.ts + (d.dur ?? 0) <= task.ts + task.dur!)
  const tasks = onMain.filter((e) => e.dur && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'))
  const appTasks = tasks.filter((t) => !fromHarness(t))
  const app = appTasks.map((t) => t.dur! / 1000)
  const t0 = Math.min(...tasks.map((t) => t.ts))
  const slow = appTasks
    .filter((t) => t.dur! > 50_000)
    .map((t) => {
      // Replies to synchronous IPC (fonts, localStorage…): the renderer waited on the browser.
      const waited = new Set(onMain.filter((e) => e.name === 'Receive mojo reply' && e.ts >= t.ts && e.ts <= t.ts + t.dur!).map((e) => e.args?.chrome_mojo_event_info?.mojo_interface_tag))
      return `${(t.dur! / 1000).toFixed(0)} ms at ${((t.ts - t0) / 1000).toFixed(0)} ms (${t.args?.src_func ?? 'task'}${waited.size ? `; waited on ${[...waited].join(', ')}` : ''})`
    })
  return { longest: Math.max(0, ...app), over50: app.filter((d) => d > 50).length, count: app.length, harness: tasks.length - app.length, slow }
}

function readTrace(path: string): TaskFigures {
  return pageTasks((JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents)
}

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b)
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(0)} ms, worst ${s[s.length - 1]!.toFixed(0)} ms (${s.length} runs)`
}

/**
 * A 10,000-article library (the Node bench's corpus) opened cold in the browser: the longest
 * renderer task while the list arrives and renders, and while the researcher filters it.
 */
async function bigLibrary(browser: Browser): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'parallax-bench-ui-big-'))
  const folder = join(root, 'library')
  await generateLibrary(folder, 10_000)
  const server = await startServe(folder, root)
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    const trace = 'bench-results/renderer-trace-10k.json'
    // Task durations only: the 'devtools.timeline' category makes V8 collect source positions
    // for stack traces, which added 10–15 ms to evaluating the app's script in this trace.
    // The page is driven with raw input and small evaluations, as Playwright's locators would
    // first inject its selector engine into the page being measured.
    await browser.startTracing(page, { path: trace, categories: ['toplevel', 'blink.user_timing'] })
    const t0 = performance.now()
    await page.goto(server.url)
    const shown = (): Promise<boolean> => page.evaluate(() => /10,?000 articles/.test(document.querySelector('[aria-label="Library"]')?.textContent ?? ''))
    while (!(await shown())) {
      if (performance.now() - t0 > 60_000) throw new Error('the 10,000-article list did not appear within 60 s')
      await page.waitForTimeout(20)
    }
    const listed = performance.now() - t0
    // Scroll the list with the mouse wheel, as a reader skims it, then type a filter.
    const box = await page.evaluate(() => {
      const r = document.querySelector('[role="listbox"][aria-label="Articles"]')!.getBoundingClientRect()
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 }
    })
    await page.mouse.move(box.x, box.y)
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, 400)
      await page.waitForTimeout(40)
    }
    await page.evaluate(() => (document.querySelector('[aria-label="Filter library"]') as HTMLInputElement).focus())
    await page.keyboard.type('Report 99', { delay: 30 })
    await page.waitForTimeout(300)
    await page.evaluate((mark) => performance.mark(mark), PAGE_MARK)
    await browser.stopTracing()
    const { longest, over50, count, harness, slow } = readTrace(trace)
    console.log(
      `  10,000-article library: page load to list shown ${listed.toFixed(0)} ms; while loading, scrolling and filtering the longest renderer task ${longest.toFixed(0)} ms, ${over50} of ${count} tasks over 50 ms (${harness} tasks of the bench's own DevTools commands not counted)   target: none over 50 ms`,
    )
    for (const task of slow) console.log(`    over 50 ms: ${task}`)
  } finally {
    server.proc.kill('SIGTERM')
    await new Promise((r) => server.proc.once('exit', r))
    rmSync(root, { recursive: true, force: true })
  }
}

/**
 * Opening the comparison of the two sample reports: Shift+click on the second report in the
 * library → the first frame with the link connectors drawn. The first open computes the
 * alignment on the host; later opens of the same pair reuse it.
 */
async function compareOpen(browser: Browser): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'parallax-bench-compare-'))
  const folder = join(root, 'library')
  cpSync(join(import.meta.dirname, '../resources/sample-library'), folder, { recursive: true })
  const server = await startServe(folder, root)
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  try {
    await page.goto(server.url)
    await page.getByRole('option', { name: /^Xi, Putin hold phone call/ }).click()
    await page.getByRole('article', { name: /Xi, Putin hold phone call/ }).waitFor()
    const times: number[] = []
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now()
      await page.getByRole('option', { name: /^Chinese President Xi Jinping/ }).click({ modifiers: ['Shift'] })
      await page.waitForFunction(() => document.querySelectorAll('.compare-links path').length > 0 && new Promise((resolve) => requestAnimationFrame(() => resolve(true))), undefined, {
        polling: 'raf',
      })
      times.push(performance.now() - t0)
      await page.getByRole('button', { name: 'Close comparison' }).click()
      await page.locator('.compare').waitFor({ state: 'detached' })
    }
    console.log(
      `  open the comparison of the two sample reports, Shift+click to first frame with links drawn: first (alignment computed) ${times[0]!.toFixed(0)} ms; later ${stats(times.slice(1))}   target < 300 ms`,
    )
  } finally {
    await page.close()
    server.proc.kill('SIGTERM')
    await new Promise((r) => server.proc.once('exit', r))
    rmSync(root, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'parallax-bench-ui-'))
  const folder = join(root, 'library')
  mkdirSync(folder)
  writeFileSync(join(folder, 'long.txt'), longArticle(10_000))
  writeFileSync(join(folder, 'short.txt'), 'Title: A short note\nText:\nOne paragraph only.\n')
  const server = await startServe(folder, root)
  const url = new URL(server.url)
  const browser = await chromium.launch({
    executablePath: process.env.PARALLAX_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  try {
    const list = await call<Array<{ id: string; title: string }>>(url, 'library.list', {})
    const long = list.find((a) => a.title === 'A very long report')!
    const view = await call<{ text: string; textHash: string }>(url, 'article.open', { id: long.id })
    const words = view.text.split(/\s+/).length
    // 1,000 highlights of three words each, spread through the article.
    const starts: number[] = []
    const re = /\S+/g
    let m: RegExpExecArray | null
    let i = 0
    while ((m = re.exec(view.text))) if (i++ % 10 === 0) starts.push(m.index)
    for (const start of starts.slice(0, 1000)) {
      const end = view.text.indexOf(' ', view.text.indexOf(' ', view.text.indexOf(' ', start) + 1) + 1)
      await call(url, 'annotations.createHighlight', { articleId: long.id, start, end, textHash: view.textHash, colour: 'yellow' })
    }

    const apiTimes: Record<string, number[]> = { 'article.open': [], 'annotations.list': [], 'annotations.createHighlight': [] }
    for (let r = 0; r < RUNS; r++)
      for (const method of Object.keys(apiTimes)) {
        const t0 = performance.now()
        if (method === 'annotations.createHighlight') {
          const h = await call<{ id: string }>(url, method, { articleId: long.id, start: 1, end: 5, textHash: view.textHash })
          apiTimes[method]!.push(performance.now() - t0)
          await call(url, 'annotations.deleteHighlight', { id: h.id })
        } else {
          await call(url, method, method === 'article.open' ? { id: long.id } : { articleId: long.id })
          apiTimes[method]!.push(performance.now() - t0)
        }
      }

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(server.url)
    // Timed as the researcher's browser runs, without tracing instrumentation; then once more
    // under a trace, which only supplies the longest-task figure.
    const { open, highlight } = await openAndHighlight(page, RUNS, 1000)
    mkdirSync('bench-results', { recursive: true })
    await browser.startTracing(page, { path: TRACE, categories: ['toplevel', 'devtools.timeline', 'blink.user_timing'] })
    await openAndHighlight(page, 3, 1000 + RUNS)
    await page.evaluate((mark) => performance.mark(mark), PAGE_MARK)
    await browser.stopTracing()
    const { longest, over50, count, slow } = readTrace(TRACE)

    console.log(`Renderer (Chromium ${browser.version()}, parallax serve on 127.0.0.1)`)
    console.log(`  open a ${words.toLocaleString('en')}-word article with 1,000 highlights, click to painted frame: ${stats(open)}   target < 100 ms`)
    console.log(`  highlight a selection, key press to painted frame (painted at once, saved durably in the background): ${stats(highlight)}   target < 50 ms`)
    for (const [method, times] of Object.entries(apiTimes)) console.log(`    of which the API call ${method}: ${stats(times)}`)
    console.log(`  trace ${TRACE} (3 more opens and highlights): longest renderer main-thread task ${longest.toFixed(0)} ms; ${over50} of ${count} tasks over 50 ms`)
    for (const task of slow) console.log(`    over 50 ms: ${task}`)
    await compareOpen(browser)
    await bigLibrary(browser)
  } finally {
    await browser.close()
    server.proc.kill('SIGTERM')
    await new Promise((r) => server.proc.once('exit', r))
    rmSync(root, { recursive: true, force: true })
  }
}

void main().catch((e) => {
  console.error(e)
  process.exit(1)
})
