import { mkdirSync, mkdtempSync, openSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { watchLibrary } from '../watch-library'

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

describe('watching a library folder (real chokidar, real files)', () => {
  let root: string
  let library: string
  let events: Array<{ kind: 'changed' | 'removed'; path: string; size?: number }>
  let watcher: { close: () => Promise<void> } | undefined

  const start = async (): Promise<void> => {
    let ready!: () => void
    const isReady = new Promise<void>((r) => (ready = r))
    watcher = watchLibrary(library, {
      // The size on disk when the event arrives: what a reader of the file would get then.
      changed: (path) => events.push({ kind: 'changed', path, size: statSync(join(library, path)).size }),
      removed: (path) => events.push({ kind: 'removed', path }),
      degraded: () => undefined,
      ready,
    })
    await isReady
  }
  const waitFor = async (pred: () => boolean, what: string): Promise<void> => {
    const until = Date.now() + 10_000
    while (!pred()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; saw ${JSON.stringify(events)}`)
      await sleep(20)
    }
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'parallax-watch-'))
    library = join(root, 'library')
    mkdirSync(library)
    events = []
  })
  afterEach(async () => {
    await watcher?.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('reports a file still being copied only once it is complete', async () => {
    await start()
    const fd = openSync(join(library, 'copying.txt'), 'w')
    const piece = `Title: Slow copy\nText:\n${'A sentence that arrives slowly. '.repeat(200)}\n`
    for (let i = 0; i < 8; i++) {
      writeSync(fd, piece)
      await sleep(50)
    }
    closeSync(fd)
    const complete = piece.length * 8
    await waitFor(() => events.some((e) => e.path === 'copying.txt'), 'the copied file')
    expect(events.filter((e) => e.path === 'copying.txt')).toEqual([{ kind: 'changed', path: 'copying.txt', size: complete }])
  })

  it('ignores OS and editor junk, hidden files and its own data folder', async () => {
    mkdirSync(join(library, '.parallax'))
    await start()
    for (const junk of ['.DS_Store', '~$draft.txt', 'notes.txt.swp', '.hidden.txt', 'Thumbs.db', 'report.txt.crdownload', '.parallax/registry.json']) writeFileSync(join(library, junk), 'junk')
    writeFileSync(join(library, 'real.txt'), 'Title: Real\nText:\nAn article.\n')
    await waitFor(() => events.some((e) => e.path === 'real.txt'), 'the real article')
    await sleep(300)
    expect(events.map((e) => e.path)).toEqual(['real.txt'])
  })

  // chokidar still reports the link itself ('linked') when its target changes; the library
  // checks every reported path with the walk's rules (see the service test on links).
  it('does not follow a symbolic link to a folder outside the library', async () => {
    const outside = join(root, 'elsewhere')
    mkdirSync(outside)
    writeFileSync(join(outside, 'private.txt'), 'Title: Private\nText:\nNot part of the library.\n')
    symlinkSync(outside, join(library, 'linked'))
    await start()
    writeFileSync(join(outside, 'private.txt'), 'Title: Private\nText:\nChanged, still not part of the library.\n')
    writeFileSync(join(outside, 'new.txt'), 'Title: New\nText:\nAlso outside.\n')
    writeFileSync(join(library, 'inside.txt'), 'Title: Inside\nText:\nIn the library.\n')
    await waitFor(() => events.some((e) => e.path === 'inside.txt'), 'the article inside')
    await sleep(300)
    expect(events.map((e) => e.path).filter((p) => p !== 'linked')).toEqual(['inside.txt'])
    expect(events.some((e) => e.path.startsWith('linked/'))).toBe(false)
  })
})
