// `npm run dev:serve`: the renderer from Vite's dev server (hot reload) in front of a real
// `parallax serve` on the same library; API calls and events are proxied to it.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const apiPort = Number(process.env.PARALLAX_API_PORT ?? 5179)
const token = randomBytes(24).toString('base64url')

// The host (main bundle) is built once; the renderer is served from source.
const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)
const api = spawn(process.execPath, [join(root, 'bin/parallax.js'), 'serve', '--port', String(apiPort), ...process.argv.slice(2)], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, PARALLAX_TOKEN: token },
})
api.on('exit', (code) => process.exit(code ?? 0))

const server = await createServer({
  configFile: false,
  root: join(root, 'src/renderer'),
  mode: 'development',
  plugins: [
    (await import('@vitejs/plugin-react')).default(),
    {
      name: 'parallax-dev-csp',
      // Vite's hot-reload client and React's refresh preamble run inline scripts over a websocket:
      // the development policy allows them; production builds get src/shared/csp.ts unchanged.
      transformIndexHtml: (html) =>
        html.replace(
          '%PARALLAX_CSP%',
          "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self'; connect-src 'self' ws:; base-uri 'none'; form-action 'none'; object-src 'none'",
        ),
    },
  ],
  server: {
    host: '127.0.0.1',
    // changeOrigin: the API host checks the Host header (DNS rebinding) and must see its own.
    proxy: { '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: true } },
  },
})
await server.listen()
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${server.config.server.port}/`
process.stdout.write(`\nParallax (dev, hot reload): ${url}?token=${token}\n`)
const stop = () => (api.kill(), server.close().then(() => process.exit(0)))
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
