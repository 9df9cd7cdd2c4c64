import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { hostname, networkInterfaces } from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { Handlers } from '@shared/contract'
import { dispatch, HTTP_STATUS } from '@shared/dispatch'
import { isMethodName } from '@shared/method-names'
import type { ApiEvent } from '@shared/types'
import { CONTENT_SECURITY_POLICY } from '@shared/csp'
import { RENDERER_MIME } from '@shared/mime'

export interface HttpHostOptions {
  handlers: Handlers
  subscribe: (listener: (event: ApiEvent) => void) => () => void
  /** Built renderer (index.html + assets). */
  staticDir: string
  port?: number
  /** Interface to bind; 127.0.0.1 unless the user asks for more. */
  bind?: string
  token?: string
}

export interface HttpHost {
  server: Server
  url: string
  token: string
  port: number
  close: () => Promise<void>
}

/** Uploads carry files (base64); every other call is a few kilobytes of arguments. */
const MAX_UPLOAD_BODY = 45 * 1024 * 1024
const MAX_CALL_BODY = 1024 * 1024
/** No argument of the contract nests deeper than a handful of levels. */
const MAX_JSON_DEPTH = 32

class BodyTooLarge extends Error {}

/**
 * `parallax serve`: the Parallax API over HTTP for the renderer in a browser. One POST per
 * contract method (`/api/<method>`), server-sent events at `/api/events`. Every API request
 * needs the random token printed with the URL (bearer header, or `?token=` for EventSource),
 * and the Host header must name this server, which stops DNS-rebinding pages from reaching it.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const bind = options.bind ?? '127.0.0.1'
  const clients = new Set<ServerResponse>()
  const unsubscribe = options.subscribe((event) => {
    const data = `data: ${JSON.stringify(event)}\n\n`
    for (const c of clients) c.write(data)
  })
  let port = options.port ?? 0

  // The names this server answers to; a page from anywhere else (DNS rebinding) is refused.
  const names = ['127.0.0.1', 'localhost', '[::1]']
  if (bind === '0.0.0.0' || bind === '::') {
    // Bound to every interface: the machine's own addresses and name, as another computer's browser would type them.
    names.push(hostname(), `${hostname()}.local`)
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.push(a.family === 'IPv6' ? `[${a.address}]` : a.address)
  } else if (bind !== '127.0.0.1') names.push(bind.includes(':') ? `[${bind}]` : bind)
  const allowedHost = (host: string | undefined): boolean => !!host && names.some((n) => host.toLowerCase() === `${n.toLowerCase()}:${port}`)
  const tokenOk = (given: string | null | undefined): boolean => {
    if (!given) return false
    const a = Buffer.from(given)
    const b = Buffer.from(token)
    return a.length === b.length && timingSafeEqual(a, b)
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((error) => sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(error) } }))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'no-referrer')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    if (!allowedHost(req.headers.host)) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden: unexpected Host header.')
      return
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    if (url.pathname === '/api/events') {
      if (!tokenOk(url.searchParams.get('token'))) return void sendJson(res, 401, { ok: false, error: { code: 'forbidden', message: 'Missing or wrong access token.' } })
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
      res.write(': connected\n\n')
      clients.add(res)
      const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000)
      req.on('close', () => {
        clearInterval(keepAlive)
        clients.delete(res)
      })
      return
    }
    if (url.pathname.startsWith('/api/')) {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
      if (!tokenOk(bearer)) return void sendJson(res, 401, { ok: false, error: { code: 'forbidden', message: 'Missing or wrong access token.' } })
      if (req.method !== 'POST') return void sendJson(res, 405, { ok: false, error: { code: 'invalid-argument', message: 'Use POST.' } })
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return void sendJson(res, 415, { ok: false, error: { code: 'invalid-argument', message: 'Send JSON.' } })
      }
      const method = url.pathname.slice('/api/'.length)
      if (!isMethodName(method)) return void sendJson(res, 404, { ok: false, error: { code: 'not-found', message: `No such method: ${method}` } })
      const limit = method === 'library.upload' || method === 'import.run' ? MAX_UPLOAD_BODY : MAX_CALL_BODY
      let body: unknown
      try {
        const text = await readBody(req, limit)
        if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw new Error(`The request nests deeper than ${MAX_JSON_DEPTH} levels.`)
        body = JSON.parse(text || '{}')
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          res.setHeader('Connection', 'close')
          return void sendJson(res, 413, { ok: false, error: { code: 'invalid-argument', message: error.message } })
        }
        return void sendJson(res, 400, { ok: false, error: { code: 'invalid-argument', message: error instanceof Error ? error.message : 'Bad JSON.' } })
      }
      const envelope = await dispatch(options.handlers, method, body)
      sendJson(res, envelope.ok ? 200 : HTTP_STATUS[envelope.error.code], envelope)
      return
    }
    serveStatic(options.staticDir, url.pathname, res)
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(port, bind, () => resolveListen())
  })
  port = (server.address() as AddressInfo).port
  const shownHost = bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind.includes(':') ? `[${bind}]` : bind
  return {
    server,
    token,
    port,
    url: `http://${shownHost}:${port}/?token=${token}`,
    close: async () => {
      unsubscribe()
      for (const c of clients) c.end()
      const closed = new Promise<void>((r) => server.close(() => r()))
      // Idle keep-alive sockets would otherwise hold the process open after a stop.
      server.closeIdleConnections()
      await closed
    },
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(data) })
  res.end(data)
}

function tooLargeMessage(limit: number): string {
  return `The request is larger than ${Math.round(limit / 1024 / 1024)} MB; import large files in smaller batches.`
}

/** Reads a body up to `limit` bytes; past it, the rest is drained (not reset) so the 413 reaches the client. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume()
      return reject(new BodyTooLarge(tooLargeMessage(limit)))
    }
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (over) return
      if (size > limit) {
        over = true
        chunks.length = 0
        reject(new BodyTooLarge(tooLargeMessage(limit)))
      } else chunks.push(c)
    })
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * True when JSON text nests deeper than `max` (strings skipped). A linear scan, so a body of
 * ten million brackets is refused in milliseconds instead of being parsed and validated.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 91 || c === 123) {
      if (++depth > max) return true
    } else if (c === 93 || c === 125) depth--
  }
  return false
}

/** Serves the built renderer; unknown paths get index.html (single-page app). */
function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const base = resolve(root)
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return void res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request: malformed address.')
  }
  let file = normalize(join(base, decoded))
  if (file !== base && !file.startsWith(base + sep)) return void res.writeHead(404).end()
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(base, 'index.html')
  if (!existsSync(file)) return void res.writeHead(500, { 'Content-Type': 'text/plain' }).end('The renderer is not built: run npm run build.')
  res.writeHead(200, {
    'Content-Type': RENDERER_MIME[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  })
  createReadStream(file).pipe(res)
}
