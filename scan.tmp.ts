import { mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { generateLibrary } from './src/cli/bench-corpus'
import { readArticleFile } from './src/node/library/read-article-file'
const root = mkdtempSync(join(tmpdir(), 'ps-'))
await generateLibrary(join(root, 'lib'), 3000)
const files: string[] = []
const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else files.push(relative(join(root, 'lib'), p)) } }
walk(join(root, 'lib'))
for (const f of files.slice(0, 300)) await readArticleFile(join(root, 'lib'), f)
const { Session } = await import('node:inspector/promises')
const session = new Session(); session.connect()
await session.post('Profiler.enable'); await session.post('Profiler.start')
const t = performance.now()
for (const f of files) await readArticleFile(join(root, 'lib'), f)
console.log('per file', ((performance.now() - t) / files.length).toFixed(3), 'ms')
const { profile } = await session.post('Profiler.stop') as any
const byId = new Map(profile.nodes.map((n: any) => [n.id, n])); const parent = new Map(); for (const n of profile.nodes as any[]) for (const c of n.children ?? []) parent.set(c, n.id)
const self = new Map<string, number>(); const incl = new Map<string, number>()
for (let i = 0; i < profile.samples.length; i++) { const dt = profile.timeDeltas[i] / 1000; let id = profile.samples[i]; const n: any = byId.get(id); const k = n.callFrame.functionName + ' ' + n.callFrame.url.split('/').slice(-1)[0]; self.set(k, (self.get(k) ?? 0) + dt)
  const seen = new Set<string>(); let x = id; while (x) { const nn: any = byId.get(x); const kk = nn.callFrame.functionName + ' ' + nn.callFrame.url.split('/').slice(-1)[0]; if (!seen.has(kk)) { seen.add(kk); incl.set(kk, (incl.get(kk) ?? 0) + dt) } x = parent.get(x) } }
console.log('SELF'); console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 18).map(([k, v]) => v.toFixed(0).padStart(6) + ' ' + k).join('\n'))
console.log('INCL'); console.log([...incl].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => v.toFixed(0).padStart(6) + ' ' + k).join('\n'))
