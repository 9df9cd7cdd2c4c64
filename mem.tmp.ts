import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateLibrary } from './src/cli/bench-corpus'
import { ParallaxService } from './src/app/parallax-service'
import { createParsePool } from './src/node/parse-pool'
import { workerSearch } from './src/node/search-backend'
const mb = (n: number) => (n / 1e6).toFixed(0) + ' MB'
const show = (label: string) => { global.gc?.(); const m = process.memoryUsage(); console.log(label.padEnd(28), 'rss', mb(m.rss), 'heapUsed', mb(m.heapUsed), 'ext', mb(m.external), 'ab', mb(m.arrayBuffers)) }
const root = mkdtempSync(join(tmpdir(), 'pm-'))
await generateLibrary(join(root, 'lib'), 10000)
show('generated')
const pool = createParsePool(join(root, 'lib'))
const s = await ParallaxService.open({ libraryFolder: join(root, 'lib'), fallbackDataFolder: join(root, 'fb'), host: 'http', version: 'x', user: 'u', readFile: pool.read, searchBackend: workerSearch(process.env.INPROC ? '' : undefined) })
show('opened')
await s.scan(); show('scanned')
const ws: any = (s as any).ws; const list = ws.library.list(); console.log('entries', list.length, 'json bytes', JSON.stringify(list).length); console.log(JSON.stringify(list[0]).slice(0, 1500))
console.log('gc?', typeof global.gc); const v8 = await import('node:v8'); const f = v8.writeHeapSnapshot('/tmp/heap.heapsnapshot'); console.log(f); process.exit(0); await s.whenSearchReady(); await new Promise(r => setTimeout(r, 2000)); show('index ready')
await pool.close(); await new Promise(r => setTimeout(r, 1000)); show('parse pool closed')
await s.close(); show('closed')
