import { describe, expect, it } from 'vitest'
import { APP_INDEX_URL, isAppOrigin, rendererFileFor } from '../app-url'

describe('the app:// origin', () => {
  it('trusts exactly app://parallax, not file:// pages or look-alike hosts', () => {
    expect(isAppOrigin(APP_INDEX_URL)).toBe(true)
    expect(isAppOrigin('app://parallax/assets/index.js')).toBe(true)
    for (const url of ['file:///tmp/evil/renderer/index.html', 'app://parallax.evil/index.html', 'app://user:pw@parallax/index.html', 'https://parallax/index.html', 'not a url'])
      expect(isAppOrigin(url)).toBe(false)
  })

  it('serves only files inside the renderer folder', () => {
    const dir = '/opt/Parallax/resources/app.asar/out/renderer'
    expect(rendererFileFor('app://parallax/index.html', dir)).toBe(`${dir}/index.html`)
    expect(rendererFileFor('app://parallax/', dir)).toBe(`${dir}/index.html`)
    expect(rendererFileFor('app://parallax/assets/App-1.js', dir)).toBe(`${dir}/assets/App-1.js`)
    // Dot segments, plain or percent-encoded, never lead out of the folder.
    for (const url of ['app://parallax/../main/index.js', 'app://parallax/%2e%2e/%2e%2e/package.json', 'app://parallax/..%2f..%2fmain%2findex.js', 'app://parallax/assets/..%5c..%5cmain']) {
      const file = rendererFileFor(url, dir)
      expect(file === undefined || file.startsWith(`${dir}/`)).toBe(true)
    }
    for (const url of ['app://parallax/%E0%A4%A', 'app://other/index.html', 'app://parallax/a%00b']) expect(rendererFileFor(url, dir)).toBeUndefined()
  })
})
