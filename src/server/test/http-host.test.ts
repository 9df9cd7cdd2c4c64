import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ParallaxService } from '../../app/parallax-service'
import { startHttpHost, type HttpHost } from '../http-host'

const SAMPLES = join(__dirname, '../../../resources/sample-library')
let dir: string
let service: ParallaxService
let host: HttpHost

async function start(bind?: string): Promise<void> {
  host = await startHttpHost({ handlers: service.handlers, subscribe: (l) => service.onEvent(l), staticDir: join(dir, 'no-renderer'), bind })
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-http-'))
  cpSync(SAMPLES, join(dir, 'lib'), { recursive: true })
  service = await ParallaxService.open({ libraryFolder: join(dir, 'lib'), fallbackDataFolder: join(dir, 'fb'), host: 'http', version: 'test', user: 'tester' })
  await service.scan()
})
afterEach(async () => {
  await host?.close()
  await service.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A raw POST, so a reset connection shows as an error instead of being retried or hidden. */
function post(method: string, body: string | Buffer, hostHeader?: string): Promise<{ status: number; json: { ok: boolean; result?: unknown; error?: { code: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `http://127.0.0.1:${host.port}/api/${method}`,
      { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...(hostHeader ? { Host: hostHeader } : {}) } },
      (res) => {
        let data = ''
        res.on('data', (d: Buffer) => (data += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: data.startsWith('{') ? JSON.parse(data) : { ok: false, error: { code: 'text', message: data } } }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('parallax serve boundaries', () => {
  it('does not read files by path for a browser: library.importPaths is refused', async () => {
    await start()
    const secret = join(dir, 'secret.txt')
    writeFileSync(secret, 'Title: Secret\nText:\nPrivate notes outside the library.\n')
    const res = await post('library.importPaths', JSON.stringify({ paths: [secret, dir] }))
    expect(res.status).toBe(403)
    expect(res.json.error?.message).toMatch(/takes file paths.*library\.upload/)
    expect(readdirSync(join(dir, 'lib')).filter((f) => f.includes('secret'))).toEqual([])
    expect((await service.handlers['library.list']({})).map((a) => a.title)).not.toContain('Secret')
  })

  it('answers a body over the limit with 413 and a message, not a reset connection', async () => {
    await start()
    const big = await post('library.upload', Buffer.alloc(46 * 1024 * 1024, 0x20))
    expect(big.status).toBe(413)
    expect(big.json.error?.message).toMatch(/larger than 45 MB/)
    const call = await post('library.list', JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }))
    expect(call.status).toBe(413)
  })

  it('refuses deeply nested JSON at once, without parsing it', async () => {
    await start()
    const depth = 400_000
    const started = performance.now()
    const res = await post('codebook.create', `{"name":"x","description":"","parentId":null,"extra":${'['.repeat(depth)}${']'.repeat(depth)}}`)
    const ms = performance.now() - started
    expect(res.status).toBe(400)
    expect(res.json.error?.message).toMatch(/nests deeper than 32 levels/)
    expect(ms).toBeLessThan(1000)
  })

  it('shortens over-long upload names and strips control and bidi-override characters, importing the whole batch', async () => {
    await start()
    const body = (text: string): string => Buffer.from(`Title: ${text}\nText:\nBody of ${text}.\n`).toString('base64')
    const files = [
      { name: `${'é'.repeat(200)}.txt`, base64: body('Long name') },
      { name: 'report\u202Etxt.exe\u0007.txt', base64: body('Bidi name') },
      { name: 'plain.txt', base64: body('Plain') },
    ]
    const res = await post('library.upload', JSON.stringify({ files }))
    expect(res.status).toBe(200)
    const report = res.json.result as { imported: Array<{ path: string }>; rejected: unknown[] }
    expect(report.rejected).toEqual([])
    expect(report.imported).toHaveLength(3)
    for (const { path } of report.imported) {
      expect(Buffer.byteLength(path)).toBeLessThanOrEqual(200)
      expect(path).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/)
      expect(existsSync(join(dir, 'lib', path))).toBe(true)
    }
    expect(report.imported[1]!.path).toBe('reporttxt.exe.txt')
  })

  it('bound to every interface, answers to the machine’s own addresses and still refuses foreign names', async () => {
    await start('0.0.0.0')
    const address = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address
    if (address) expect((await post('app.info', '{}', `${address}:${host.port}`)).status).toBe(200)
    expect((await post('app.info', '{}', `127.0.0.1:${host.port}`)).status).toBe(200)
    expect((await post('app.info', '{}', `evil.example:${host.port}`)).status).toBe(403)
  })
})
