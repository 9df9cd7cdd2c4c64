import { fromW3C } from '@core/export/w3c'
import { ApiError, type Handlers } from '@shared/contract'
import type { Workspace } from '../workspace'
import { exportData } from '../exchange/gather'
import { printsTexts, render } from '../exchange/render'
import { fromQdpx } from '../exchange/read-qdpx'
import { importInto } from '../exchange/merge-import'

type ExchangeHandlers = Pick<Handlers, 'export.run' | 'export.cancel' | 'import.run'>

/** Exports in five formats and imports W3C and REFI-QDA files back. */
export function exchangeHandlers(ws: Workspace): ExchangeHandlers {
  const cancelled = new Set<string>()
  return {
    'export.run': async ({ scope, format, exportId, previewArticles }) => {
      try {
        const data = await exportData(ws, scope, `Parallax ${ws.options.version}`, {
          previewArticles,
          keepTexts: printsTexts(format),
          cancelled: () => !!exportId && cancelled.has(exportId),
          progress: exportId ? (done, total) => ws.emit({ type: 'export.progress', exportId, done, total }) : undefined,
        })
        return render(data, format)
      } finally {
        if (exportId) cancelled.delete(exportId)
      }
    },

    'export.cancel': async ({ exportId }) => {
      cancelled.add(exportId)
      return { ok: true as const }
    },

    'import.run': async ({ fileName, base64 }) => {
      const bytes = Buffer.from(base64, 'base64')
      if (/\.qdpx$/i.test(fileName)) {
        try {
          return await importInto(ws, fromQdpx(new Uint8Array(bytes)))
        } catch (error) {
          if (error instanceof ApiError) throw error
          throw new ApiError('invalid-argument', `This .qdpx file cannot be read: ${(error as Error).message}`)
        }
      }
      let json: unknown
      try {
        json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''))
      } catch {
        throw new ApiError('invalid-argument', 'This file is neither a W3C Web Annotation JSON(-LD) file nor a .qdpx project.')
      }
      return importInto(ws, fromW3C(json))
    },
  }
}
