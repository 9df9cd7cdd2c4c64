import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const project = join(__dirname, '../../..')
const config = parse(readFileSync(join(project, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>

describe('the packaged app (electron-builder.yml)', () => {
  it('passes electron-builder’s own configuration schema', async () => {
    const require = createRequire(join(project, 'package.json'))
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: (c: unknown, log: unknown) => Promise<void> }
    await expect(validateConfiguration(config, { add: () => undefined, isEnabled: false })).resolves.toBeUndefined()
  })

  it('flips the fuses that lock the binary down', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('unpacks only the worker scripts, the chunks they load and the two SQLite builds the search worker loads at run time, with what they load', () => {
    // The WebAssembly build (no dependencies), libsql, its platform binaries (@libsql/*) and the packages it requires at run time.
    const wasm = JSON.parse(readFileSync(join(project, 'node_modules/node-sqlite3-wasm/package.json'), 'utf8')) as { dependencies?: Record<string, string> }
    expect(wasm.dependencies ?? {}).toEqual({})
    const libsql = JSON.parse(readFileSync(join(project, 'node_modules/libsql/package.json'), 'utf8')) as { dependencies: Record<string, string> }
    const sqlite = ['node-sqlite3-wasm', 'libsql', '@libsql', ...Object.keys(libsql.dependencies)].map((name) => `node_modules/${name}/**`)
    expect(config.asarUnpack).toEqual(['out/main/parse-worker.js', 'out/main/search-worker.js', 'out/main/chunks/**', ...sqlite])
    expect(config.files).toEqual(expect.arrayContaining(sqlite))
  })
})
