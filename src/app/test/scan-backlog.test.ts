import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { ApiEvent } from '@shared/types'
import { ParallaxService } from '../parallax-service'

let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

it('stops sending texts to the index while it lags behind the scan, and the index reads those files itself', async () => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-backlog-'))
  const lib = join(dir, 'lib')
  mkdirSync(lib)
  for (let i = 0; i < 300; i++) writeFileSync(join(lib, `report-${i}.txt`), `Title: Report ${i}\nText:\nThe delegation discussed grain corridor number ${i}.\n`)
  // A backlog of one byte: after the first batch the scan sends no text until the index has taken it in.
  const service = await ParallaxService.open({ libraryFolder: lib, fallbackDataFolder: join(dir, 'fb'), host: 'http', version: 'test', user: 'tester', indexBacklogBytes: 1 })
  const events: ApiEvent[] = []
  service.onEvent((e) => events.push(e))
  try {
    await service.scan()
    await service.whenSearchReady()
    const reread = events.findLast((e) => e.type === 'index.progress')
    expect(reread).toMatchObject({ ready: true })
    // Files whose text the scan held back were read by the index when it synced.
    expect((reread as { total: number }).total).toBeGreaterThan(0)
    expect((await service.handlers['search.query']({ q: 'grain corridor', limit: 5 })).total).toBe(300)
    expect((await service.handlers['search.query']({ q: '"number 299"', limit: 5 })).total).toBe(1)
  } finally {
    await service.close()
  }
})
