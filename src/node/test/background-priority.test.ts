import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/** A process whose worker thread lowers its own priority; prints both threads' nice values. */
const probe = `
import { isMainThread, parentPort, Worker } from 'node:worker_threads'
import { getPriority } from 'node:os'
import { readlinkSync } from 'node:fs'
import { lowerThreadPriority } from './background-priority.mjs'
const nice = () => getPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()))
if (isMainThread) {
  const before = nice()
  new Worker(new URL(import.meta.url)).on('message', (worker) => console.log(JSON.stringify({ before, main: nice(), worker })))
} else {
  lowerThreadPriority()
  parentPort.postMessage(nice())
}
`

describe.runIf(process.platform === 'linux')('background threads', () => {
  it('a worker that lowers its priority runs at nice 10; the thread that drives the UI keeps its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parallax-nice-'))
    try {
      // Worker threads do not inherit a TypeScript loader: run the helper's own source, transpiled.
      const source = readFileSync(join(__dirname, '../background-priority.ts'), 'utf8')
      writeFileSync(join(dir, 'background-priority.mjs'), ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText)
      writeFileSync(join(dir, 'probe.mjs'), probe)
      const run = spawnSync(process.execPath, [join(dir, 'probe.mjs')], { encoding: 'utf8' })
      expect(run.stderr).toBe('')
      const { before, main, worker } = JSON.parse(run.stdout) as { before: number; main: number; worker: number }
      expect(main).toBe(before)
      expect(worker).toBe(10)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
