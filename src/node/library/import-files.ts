import { constants } from 'node:fs'
import { copyFile, lstat, mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, extname, isAbsolute, join, resolve } from 'node:path'
import { DEFAULT_MAX_BYTES, formatOfName, tooLarge, unsupported } from '@core/article/parse'
import { isIgnoredName } from '@core/library/ignore'
import { sha256 } from './read-article-file'
import { isInside, walkLibrary } from './walk'
import type { ImportReport } from '@shared/types'

export interface ImportTarget {
  root: string
  maxBytes?: number
  /** Path of an article already in the library with these exact bytes, if any. */
  findByHash: (hash: string) => string | undefined
  /** Called for every file written, so the library lists it without waiting for the watcher. */
  onImported: (path: string) => Promise<void>
}

/** Most file systems allow 255 bytes per name; room is kept for a " (12)" clash suffix. */
const MAX_NAME_BYTES = 200

/**
 * A file name safe to create on every OS: no folders, no control, bidi-override or reserved
 * characters (a right-to-left override can disguise "txt.exe" as "exe.txt"), at most
 * MAX_NAME_BYTES of UTF-8 with its extension kept.
 */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/[<>:"/\\|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
  const ext = extname(cleaned).slice(0, 16)
  const stem = cleaned.slice(0, cleaned.length - extname(cleaned).length)
  const base = truncateUtf8(stem, MAX_NAME_BYTES - Buffer.byteLength(ext)).replace(/[.\s]+$/, '') + ext
  return base && base !== ext ? base : `article${ext || '.txt'}`
}

/** Cuts a string to at most `bytes` of UTF-8 without splitting a character (or a surrogate pair). */
function truncateUtf8(text: string, bytes: number): string {
  let used = 0
  let out = ''
  for (const ch of text) {
    used += Buffer.byteLength(ch)
    if (used > bytes) break
    out += ch
  }
  return out
}

/** Copies files into the library, never overwriting: a name clash gets " (2)", " (3)"… */
async function writeNew(root: string, name: string, write: (dest: string) => Promise<void>): Promise<string> {
  const ext = extname(name)
  const stem = name.slice(0, name.length - ext.length)
  await mkdir(root, { recursive: true })
  for (let n = 1; n < 10_000; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${ext}`
    try {
      await write(join(root, candidate))
      return candidate
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  throw new Error('too many files with this name')
}

async function importBytes(target: ImportTarget, name: string, bytes: Uint8Array, copyFrom: string | undefined, report: ImportReport, seen: Set<string>): Promise<void> {
  const safe = safeFileName(name)
  if (!formatOfName(safe)) return void report.rejected.push({ name, reason: unsupported(safe).message })
  const max = target.maxBytes ?? DEFAULT_MAX_BYTES
  if (bytes.length > max) return void report.rejected.push({ name, reason: tooLarge(bytes.length, max).message })
  if (bytes.length === 0) return void report.rejected.push({ name, reason: 'This file is empty.' })
  const hash = sha256(bytes)
  const existing = target.findByHash(hash) ?? (seen.has(hash) ? '(this import)' : undefined)
  if (existing) return void report.duplicates.push({ name, existingPath: existing })
  seen.add(hash)
  const path = await writeNew(target.root, safe, (dest) => (copyFrom ? copyFile(copyFrom, dest, constants.COPYFILE_EXCL) : writeFile(dest, bytes, { flag: 'wx' })))
  report.imported.push({ name, path })
  await target.onImported(path)
}

/**
 * Imports files and folders given by absolute path (drag and drop in Electron). Paths come
 * from the renderer, so each is checked: absolute, an existing regular file or folder, and not
 * inside the library already. Files are only read, never moved or changed.
 */
export async function importPaths(target: ImportTarget, paths: string[]): Promise<ImportReport> {
  const report: ImportReport = { imported: [], duplicates: [], rejected: [] }
  const seen = new Set<string>()
  for (const raw of paths) {
    const name = basename(raw) || raw
    if (!isAbsolute(raw)) {
      report.rejected.push({ name, reason: 'Not a file on this computer.' })
      continue
    }
    const path = resolve(raw)
    if (isInside(resolve(target.root), path)) {
      report.rejected.push({ name, reason: 'This file is already in the library folder.' })
      continue
    }
    const s = await lstat(path).catch(() => undefined)
    if (!s) report.rejected.push({ name, reason: 'This file no longer exists.' })
    else if (s.isDirectory()) {
      const files = await walkLibrary(path)
      if (files.length === 0) report.rejected.push({ name, reason: 'This folder has no files Parallax can read.' })
      for (const f of files) await importFile(target, join(path, f.path), basename(f.path), report, seen)
    } else if (s.isFile()) await importFile(target, path, name, report, seen)
    else report.rejected.push({ name, reason: 'Only regular files and folders can be imported.' })
  }
  return report
}

async function importFile(target: ImportTarget, path: string, name: string, report: ImportReport, seen: Set<string>): Promise<void> {
  if (isIgnoredName(name)) return
  if (!formatOfName(name)) return void report.rejected.push({ name, reason: unsupported(name).message })
  const s = await lstat(path)
  const max = target.maxBytes ?? DEFAULT_MAX_BYTES
  if (s.size > max) return void report.rejected.push({ name, reason: tooLarge(s.size, max).message })
  try {
    await importBytes(target, name, new Uint8Array(await readFile(path)), path, report, seen)
  } catch (error) {
    report.rejected.push({ name, reason: `Could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).` })
  }
}

/** Imports files sent as content (the browser host's upload, or a file dialog). */
export async function importUploads(target: ImportTarget, files: Array<{ name: string; base64: string }>): Promise<ImportReport> {
  const report: ImportReport = { imported: [], duplicates: [], rejected: [] }
  const seen = new Set<string>()
  for (const f of files) {
    if (isIgnoredName(basename(f.name))) {
      report.rejected.push({ name: f.name, reason: 'Hidden and temporary files are not imported.' })
      continue
    }
    await importBytes(target, f.name, new Uint8Array(Buffer.from(f.base64, 'base64')), undefined, report, seen)
  }
  return report
}
