import { request as httpRequest } from 'node:http'
import { expect, test } from './fixtures'

function post(url: string, headers: Record<string, string>, body = '{}'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let data = ''
      res.on('data', (d: Buffer) => (data += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

test.describe('parallax serve access control', () => {
  test.skip(({ hostKind }) => hostKind !== 'serve', 'HTTP host only')

  test('refuses requests without the token, with a wrong token, or with a foreign Host header', async ({ app }) => {
    const url = `${app.baseUrl}/api/library.list`
    const ok = await post(url, { Authorization: `Bearer ${app.token}` })
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.body).result).toHaveLength(2)

    expect((await post(url, {})).status).toBe(401)
    expect((await post(url, { Authorization: 'Bearer wrong-token' })).status).toBe(401)
    const foreign = await post(url, { Authorization: `Bearer ${app.token}`, Host: 'evil.example:80' })
    expect(foreign.status).toBe(403)
    // Arguments are validated at the boundary before the service sees them.
    const bad = await post(`${app.baseUrl}/api/article.open`, { Authorization: `Bearer ${app.token}` }, JSON.stringify({ id: '../../etc/passwd' }))
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error.message).toMatch(/Invalid arguments/)
    // Static files: no way out of the built renderer's folder, and a malformed address is a 400.
    expect((await fetch(`${app.baseUrl}/assets/..%2f..%2fpackage.json`)).status).toBe(404)
    expect((await fetch(`${app.baseUrl}/%E0%A4%A`)).status).toBe(400)
    expect((await fetch(`${app.baseUrl}/`)).status).toBe(200)
  })
})

test.describe('parallax serve event stream', () => {
  test.skip(({ hostKind }) => hostKind !== 'serve', 'HTTP host only')

  test('a window holds one event stream, leaving the browser’s connections to API calls', async ({ app }) => {
    // A fresh page, watched from before it loads: the fixture's page may still be opening its
    // stream when the test starts, which would be counted here.
    const page = await app.page.context().newPage()
    const streams: string[] = []
    page.on('request', (r) => void (new URL(r.url()).pathname === '/api/events' && streams.push(r.url())))
    await page.goto(`${app.baseUrl}/?token=${app.token}`)
    await page.getByRole('option', { name: /phone call/ }).click()
    await expect(page.getByRole('article', { name: /phone call/ })).toBeVisible()
    await page.getByRole('searchbox', { name: 'Search all articles' }).fill('Ushakov')
    await expect(page.getByRole('region', { name: 'Search results' }).getByRole('button', { name: /video summit/ })).toBeVisible()
    expect(streams).toHaveLength(1)
  })
})
