import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { prng } from '@core/prng'
import { AnnotationStore } from '../store'

const dir = mkdtempSync(join(tmpdir(), 'parallax-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the writer until it has acknowledged at least one save, then SIGKILLs it after a random delay. */
function runAndKill(seedDelay: number): Promise<Array<[string, string]>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crash-writer.ts'), join(dir, 'lib'), join(dir, 'fallback'), String(seedDelay)], { stdio: ['ignore', 'pipe', 'pipe'] })
    const acked: Array<[string, string]> = []
    let buffer = ''
    let err = ''
    let armed = false
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop()!
      for (const line of lines) {
        const [, article = '', id = ''] = line.split(' ')
        acked.push([article, id])
      }
      if (!armed && acked.length > 0) {
        armed = true
        setTimeout(() => child.kill('SIGKILL'), seedDelay)
      }
    })
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`writer exited without being killed: ${err}`))))
  })
}

// PARALLAX_CRASH_SEED=<n> npm run test:crash replays a run with the seed it printed.
const SEED = Number(process.env.PARALLAX_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31))

describe('crash safety', () => {
  it(`keeps every acknowledged annotation across 100 SIGKILLs at random moments (seed ${SEED})`, async () => {
    console.log(`crash test seed: ${SEED} (replay with PARALLAX_CRASH_SEED=${SEED} npm run test:crash)`)
    const random = prng(SEED)
    const all = new Map<string, string>()
    let kills = 0
    for (let round = 0; round < 100; round++) {
      // Delays spread over 0–40 ms land the kill at every stage of a write (temp, fsync, link, rename).
      const acked = await runAndKill(Math.floor(random() * 40))
      kills++
      for (const [article, id] of acked) all.set(id, article)
      const store = await AnnotationStore.open({ libraryFolder: join(dir, 'lib'), fallbackFolder: join(dir, 'fallback') })
      for (const article of ['article-a', 'article-b', 'article-c']) {
        const present = new Set((await store.annotationsOf(article)).map((a) => a.id))
        for (const [id, a] of all) if (a === article) expect(present.has(id), `annotation ${id} acknowledged before kill ${round} is missing`).toBe(true)
      }
      expect(store.notices).toEqual([])
      expect(store.recoveries).toEqual([])
    }
    expect(kills).toBe(100)
    expect(all.size).toBeGreaterThan(100)
  }, 240_000)
})
