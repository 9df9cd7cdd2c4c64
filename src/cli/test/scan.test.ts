import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runScan } from '../scan'

interface ScanRecord {
  path: string
  readable: boolean
  title: string
  date: string | null
  author: string | null
  outlet: string | null
  categories: string[]
  characters: number
  encoding: string | null
  repairs: string[]
  warnings: Array<{ code: string; message: string }>
}

/** Runs `parallax scan --json` in-process and parses what it prints. */
async function scanJson(folder: string, maxMb?: number): Promise<{ code: number; records: ScanRecord[] }> {
  let out = ''
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write
  try {
    const code = await runScan(folder, { json: true, maxMb })
    return { code, records: code === 0 ? (JSON.parse(out) as ScanRecord[]) : [] }
  } finally {
    process.stdout.write = write
  }
}

/**
 * A messy researcher's folder, built outside the project from the byte-level fixtures plus
 * things only a folder can hold: nested folders, junk, the app's own data, a symlink out.
 */
describe('parallax scan on a folder of hostile and unusual files', () => {
  let root: string
  let folder: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'parallax-scan-'))
    folder = join(root, 'library')
    cpSync(join(__dirname, '../../core/article/test/fixtures'), join(folder, 'fixtures'), { recursive: true })
    cpSync(join(__dirname, '../../../resources/sample-library'), join(folder, 'samples'), { recursive: true })
    writeFileSync(join(folder, 'huge.txt'), Buffer.alloc(3 * 1024 * 1024, 'word '))
    writeFileSync(join(folder, '.DS_Store'), 'junk')
    writeFileSync(join(folder, '~$lock.txt'), 'lock')
    writeFileSync(join(folder, 'draft.txt.swp'), 'swap')
    mkdirSync(join(folder, '.parallax'))
    writeFileSync(join(folder, '.parallax', 'registry.json'), '{}')
    mkdirSync(join(root, 'outside'))
    writeFileSync(join(root, 'outside', 'secret.txt'), 'Title: Outside\nText:\nNot part of the library.\n')
    symlinkSync(join(root, 'outside'), join(folder, 'link-out'))
    symlinkSync(join(root, 'outside', 'secret.txt'), join(folder, 'secret-link.txt'))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('reads every readable file right and explains every other one', async () => {
    const { code, records } = await scanJson(folder, 2)
    expect(code).toBe(0)
    const byPath = new Map(records.map((r) => [r.path, r]))
    const rec = (path: string): ScanRecord => {
      const r = byPath.get(path)
      if (!r) throw new Error(`${path} was not reported; got ${[...byPath.keys()].join(', ')}`)
      return r
    }

    // Nothing outside the library, no junk, no app data.
    for (const p of byPath.keys()) expect(p).not.toMatch(/secret|link-out|DS_Store|~\$|\.swp$|\.parallax/)

    // Readable files: the right text and metadata.
    const phone = records.find((r) => r.title === 'Xi, Putin hold phone call, vow pragmatic cooperation')!
    expect(phone.outlet ?? phone.author).toMatch(/Global Times/)
    expect(phone.date).toMatch(/^2022-06-15/)
    expect(phone.categories).toEqual(['CHINA', 'DIPLOMACY'])
    expect(phone.repairs.join(' ')).toMatch(/double UTF-8/)
    const summit = records.find((r) => r.path.startsWith('samples/') && r !== phone)!
    expect(summit.title).toMatch(/^Chinese President Xi Jinping and his Russian counterpart Vladimir Putin held a video summit/)
    expect(rec('fixtures/utf16be-bom.txt')).toMatchObject({ readable: true, encoding: 'utf-16be', title: 'UTF-16 BE' })
    expect(rec('fixtures/windows-1252.txt')).toMatchObject({ readable: true, encoding: 'windows-1252' })
    expect(rec('fixtures/windows-1252.txt').warnings.map((w) => w.code)).toContain('encoding-guessed')
    expect(rec('fixtures/hostile.htm').readable).toBe(true)
    expect(rec('fixtures/hostile.htm').warnings.map((w) => w.code)).toContain('html-sanitised')
    expect(rec('fixtures/front-matter.md')).toMatchObject({ readable: true })

    // Every other file: a specific reason.
    const reason = (path: string): string =>
      rec(path)
        .warnings.map((w) => w.message)
        .join(' ')
    expect(rec('fixtures/binary.txt').readable).toBe(false)
    expect(reason('fixtures/binary.txt')).toMatch(/binary data/)
    expect(reason('fixtures/empty.txt')).toMatch(/empty/)
    expect(reason('fixtures/whitespace.txt')).toMatch(/only blank space/)
    expect(reason('fixtures/report.pdf')).toMatch(/This PDF could not be read/)
    expect(reason('fixtures/header-only.txt')).toMatch(/no article text/)
    expect(reason('fixtures/bad-date.txt')).toMatch(/could not be read/)
    expect(reason('fixtures/bad-front-matter.md')).toMatch(/not valid YAML/)
    expect(rec('huge.txt').readable).toBe(false)
    expect(reason('huge.txt')).toMatch(/3(\.0)? MB, over the 2(\.0)? MB limit/)
    for (const r of records) if (!r.readable) expect(r.warnings.length).toBeGreaterThan(0)
  })

  it('explains a file the user is not allowed to read, and still lists the rest', async (ctx) => {
    const project = join(__dirname, '../../..')
    // Root reads any file, so as root the scan runs as the unprivileged user `nobody`, which
    // needs to reach the project (a clone inside /root, mode 700, is out of its reach).
    const asRoot = process.getuid?.() === 0
    if (asRoot && spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(join(project, 'node_modules/tsx/package.json'))})`], { uid: 65534, gid: 65534 }).status !== 0) {
      console.warn('SKIPPED: the unreadable-file scan needs the user `nobody` to reach the project folder; it cannot here.')
      ctx.skip()
    }
    const locked = mkdtempSync(join(tmpdir(), 'parallax-locked-'))
    try {
      writeFileSync(join(locked, 'open.txt'), 'Title: Open\nText:\nAnyone may read this.\n')
      writeFileSync(join(locked, 'locked.txt'), 'Title: Locked\nText:\nNobody may read this.\n')
      chmodSync(join(locked, 'locked.txt'), 0o000)
      chmodSync(locked, 0o755)
      const run = asRoot
        ? spawnSync(
            process.execPath,
            [
              '--import',
              'tsx',
              '--input-type=module',
              '-e',
              `import { runScan } from ${JSON.stringify(join(__dirname, '../scan.ts'))}; process.exitCode = await runScan(${JSON.stringify(locked)}, { json: true })`,
            ],
            {
              uid: 65534,
              gid: 65534,
              encoding: 'utf8',
              cwd: project,
              env: { ...process.env, HOME: locked },
            },
          )
        : undefined
      if (run && run.status !== 0) throw new Error(`scan as nobody failed: ${run.stderr}`)
      const records = run ? (JSON.parse(run.stdout) as ScanRecord[]) : (await scanJson(locked)).records
      const byName = new Map(records.map((r) => [r.path, r]))
      expect(byName.get('open.txt')).toMatchObject({ readable: true, title: 'Open' })
      expect(byName.get('locked.txt')?.readable).toBe(false)
      expect(
        byName
          .get('locked.txt')
          ?.warnings.map((w) => w.message)
          .join(' '),
      ).toMatch(/not allowed to read this file \(check its permissions\)/)
    } finally {
      rmSync(locked, { recursive: true, force: true })
    }
  })

  it('says so when the folder does not exist', async () => {
    const { code } = await scanJson(join(root, 'missing'))
    expect(code).toBe(2)
  })
})
