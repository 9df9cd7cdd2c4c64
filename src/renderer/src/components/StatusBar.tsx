import type { ReactElement } from 'react'
import type { AppInfo } from '@shared/types'

/** Where the library is, how many articles it holds, and which host serves this window. */
export function StatusBar({ info, count }: { info: AppInfo | null; count: number | undefined }): ReactElement {
  return (
    <footer className="statusbar">
      <span>{info ? info.libraryFolder : ''}</span>
      <span>{count !== undefined ? `${count} articles` : ''}</span>
      <span>{info?.host === 'http' ? 'Browser host' : info ? 'Desktop' : ''}</span>
    </footer>
  )
}
