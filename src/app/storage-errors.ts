/** Why a save failed, in words a researcher can act on; undefined for errors that are not about the disk. */
export function explainStorageError(error: unknown): string | undefined {
  switch ((error as NodeJS.ErrnoException)?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Not saved: the disk is full. Free some space and try again; your change is still on screen.'
    case 'EROFS':
      return 'Not saved: the disk holding the annotations is read-only. Your change is still on screen.'
    case 'EACCES':
    case 'EPERM':
      return 'Not saved: Parallax is not allowed to write to the annotations folder. Your change is still on screen.'
    case 'EIO':
      return 'Not saved: the disk reported an error while writing. Your change is still on screen; try again.'
    default:
      return undefined
  }
}
