import { describe, expect, it } from 'vitest'
import { unpackedPath } from '../built-file'

describe('worker scripts in the packaged app', () => {
  const present = new Set(['/opt/Parallax/resources/app.asar.unpacked/out/main/parse-worker.js'])
  it('load from app.asar.unpacked when the bundle is inside app.asar', () => {
    expect(unpackedPath('/opt/Parallax/resources/app.asar/out/main/parse-worker.js', (p) => present.has(p), '/')).toBe('/opt/Parallax/resources/app.asar.unpacked/out/main/parse-worker.js')
  })
  it('keep a path outside any archive, or with no unpacked copy, as it is', () => {
    expect(unpackedPath('/work/out/main/parse-worker.js', () => true, '/')).toBe('/work/out/main/parse-worker.js')
    expect(unpackedPath('/opt/Parallax/resources/app.asar/out/main/other.js', (p) => present.has(p), '/')).toBe('/opt/Parallax/resources/app.asar/out/main/other.js')
  })
  it('handle Windows paths', () => {
    const win = 'C:\\Program Files\\Parallax\\resources\\app.asar.unpacked\\out\\main\\search-worker.js'
    expect(unpackedPath('C:\\Program Files\\Parallax\\resources\\app.asar\\out\\main\\search-worker.js', (p) => p === win, '\\')).toBe(win)
  })
})
