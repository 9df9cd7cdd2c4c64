import { useCallback, useState } from 'react'

/**
 * A local edit of a stored text (a note being typed). The draft belongs to the stored value it
 * was made from: when that value changes (saved, undone, edited in another window) or another
 * record is shown, the box shows the new stored value again.
 */
export function useDraft(stored: string, recordId: string | undefined): [string, (value: string) => void] {
  const source = `${recordId ?? ''}\u0000${stored}`
  const [draft, setDraft] = useState<{ source: string; value: string } | null>(null)
  const edit = useCallback((value: string) => setDraft({ source, value }), [source])
  return [draft?.source === source ? draft.value : stored, edit]
}
