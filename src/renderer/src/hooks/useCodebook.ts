import { useCallback, useEffect, useMemo, useState } from 'react'
import type { TagWithCount } from '@shared/types'
import { useApi, useApiEvents } from './ApiContext'

export function useCodebook(): { tags: TagWithCount[]; byId: Map<string, TagWithCount>; reload: () => void } {
  const api = useApi()
  const [tags, setTags] = useState<TagWithCount[]>([])
  const reload = useCallback(() => void api.call('codebook.list', {}).then(setTags, () => undefined), [api])
  useEffect(reload, [reload])
  useApiEvents((e) => {
    if (e.type === 'codebook.changed' || e.type === 'annotations.changed') reload()
  })
  const byId = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags])
  return { tags, byId, reload }
}
