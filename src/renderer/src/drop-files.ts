import type { Client } from './api/client'
import type { ImportReport } from '@shared/types'

/** Reads a browser File as base64 for the HTTP host's upload method. */
function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(file)
  })
}

/** Files inside dropped folders (browser host): walks FileSystemEntry trees. */
async function filesOfEntry(entry: FileSystemEntry): Promise<File[]> {
  if (entry.isFile) return [await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej))]
  const reader = (entry as FileSystemDirectoryEntry).createReader()
  const out: File[] = []
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej))
    if (batch.length === 0) break
    for (const child of batch) if (!child.name.startsWith('.')) out.push(...(await filesOfEntry(child)))
  }
  return out
}

/**
 * Imports dropped or chosen files. In Electron, real paths (webUtils.getPathForFile) let the
 * host read folders and large files directly; in a browser the contents are uploaded.
 */
export async function importDropped(api: Client, files: File[], items?: DataTransferItemList): Promise<ImportReport> {
  if (api.importFiles) {
    const report = await api.importFiles(files)
    if (report) return report
  }
  let all = files
  if (items) {
    const entries = [...items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e)
    if (entries.some((e) => e.isDirectory)) all = (await Promise.all(entries.map(filesOfEntry))).flat()
  }
  if (all.length === 0) return { imported: [], duplicates: [], rejected: [] }
  return api.call('library.upload', { files: await Promise.all(all.map(async (f) => ({ name: f.name, base64: await toBase64(f) }))) })
}

export function summariseImport(r: ImportReport): { level: 'info' | 'warning'; message: string } {
  const parts: string[] = []
  if (r.imported.length) parts.push(`Imported ${r.imported.length} article${r.imported.length === 1 ? '' : 's'}`)
  if (r.duplicates.length) parts.push(`${r.duplicates.length} already in the library (${r.duplicates.map((d) => d.name).join(', ')})`)
  if (r.rejected.length) parts.push(`${r.rejected.length} not imported: ${r.rejected.map((x) => `${x.name} — ${x.reason}`).join('; ')}`)
  return { level: r.rejected.length ? 'warning' : 'info', message: (parts.join('. ') || 'Nothing to import') + '.' }
}
