import { useCallback, useEffect, useRef, useState } from 'react'
import type { ArticleSummary } from '@shared/types'
import { importDropped, summariseImport } from '../drop-files'
import { useApi } from './ApiContext'
import type { Toaster } from './useToasts'

/** Imports dropped or chosen files; a single imported article opens as soon as the library lists it. */
export function useImport({ toast, fail }: Toaster, articles: ArticleSummary[] | null, open: (id: string) => void): (files: File[], items?: DataTransferItemList) => Promise<void> {
  const api = useApi()
  // One request per import (a new object even for the same path), opened once it is listed.
  const [openWhenListed, setOpenWhenListed] = useState<{ path: string } | null>(null)
  const found = openWhenListed ? articles?.find((a) => a.path === openWhenListed.path) : undefined
  const opened = useRef<{ path: string } | null>(null)
  useEffect(() => {
    if (!found || opened.current === openWhenListed) return
    opened.current = openWhenListed
    open(found.id)
  }, [found, openWhenListed, open])
  return useCallback(
    async (files: File[], items?: DataTransferItemList) => {
      try {
        const report = await importDropped(api, files, items)
        const s = summariseImport(report)
        toast(s.level, s.message)
        const only = report.imported.length === 1 ? report.imported[0] : undefined
        if (only) setOpenWhenListed({ path: only.path })
      } catch (e) {
        fail(e)
      }
    },
    [api, toast, fail],
  )
}
