/**
 * Collects what is sent during one turn of the event loop and hands it over at the end of the
 * turn in one go, with everything to transfer: between threads a message costs both sides more
 * than parsing a short article, so many small calls and answers travel as one.
 */
export function batchPerTurn<T>(send: (items: T[], transfer: ArrayBuffer[]) => void): (item: T, transfer?: ArrayBuffer[]) => void {
  let batch: { items: T[]; transfer: ArrayBuffer[] } | undefined
  return (item, transfer = []) => {
    if (!batch) {
      const open = (batch = { items: [], transfer: [] })
      setImmediate(() => {
        batch = undefined
        send(open.items, open.transfer)
      })
    }
    batch.items.push(item)
    batch.transfer.push(...transfer)
  }
}
