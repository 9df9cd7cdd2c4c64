import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Article texts parked on disk while an export that prints them (HTML, .qdpx) is written: a
 * library's texts are read once, appended here, and read back one article at a time, so the
 * export never holds every text in memory. Removed by `dispose`.
 */
export class TextSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'parallax-export-'))
  private readonly fd = openSync(join(this.dir, 'texts'), 'w+', 0o600)
  private readonly places = new Map<string, { at: number; length: number }>()
  private size = 0

  put(id: string, text: string): void {
    const bytes = Buffer.from(text, 'utf8')
    for (let done = 0; done < bytes.length;) done += writeSync(this.fd, bytes, done, bytes.length - done, this.size + done)
    this.places.set(id, { at: this.size, length: bytes.length })
    this.size += bytes.length
  }

  get(id: string): string {
    const place = this.places.get(id)
    if (!place) return ''
    const bytes = Buffer.allocUnsafe(place.length)
    for (let done = 0; done < place.length;) done += readSync(this.fd, bytes, done, place.length - done, place.at + done)
    return bytes.toString('utf8')
  }

  dispose(): void {
    closeSync(this.fd)
    rmSync(this.dir, { recursive: true, force: true })
  }
}
