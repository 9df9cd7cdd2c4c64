/**
 * The window's preferences (layout, theme, text size, sort, last-open article), kept in
 * IndexedDB and read once before the first render. localStorage would be simpler, but its first
 * use in a page is a synchronous call to the browser process: while a big library was loading on
 * a 2-core machine that call alone held the start-up task for 50–90 ms. IndexedDB answers
 * asynchronously, so the window never waits on it. (Preferences kept in localStorage by the
 * pre-release builds are not carried over: reading them is that synchronous call, on every first
 * start; they were cosmetic, and no research data was ever kept there.)
 */
const DB_NAME = 'parallax'
const STORE = 'prefs'

const values = new Map<string, unknown>()
let database: IDBDatabase | null = null
const unsaved = new Map<string, unknown>()
let saveQueued = false

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'))
  })
}

function open(): Promise<IDBDatabase> {
  const r = indexedDB.open(DB_NAME, 1)
  r.onupgradeneeded = () => r.result.createObjectStore(STORE)
  return request(r)
}

/** Past this the window starts on default preferences rather than wait for storage. */
const LOAD_TIMEOUT_MS = 1_500

/** Reads every preference into memory. Never fails: without storage the app starts on defaults. */
export async function loadPrefs(): Promise<void> {
  let late = false
  const read = async (): Promise<void> => {
    const db = await open()
    const store = db.transaction(STORE, 'readonly').objectStore(STORE)
    const [keys, stored] = await Promise.all([request(store.getAllKeys()), request(store.getAll())])
    // Too late for this window, which started on defaults: leave the stored values untouched.
    if (late) return db.close()
    keys.forEach((k, i) => values.set(String(k), stored[i]))
    database = db
  }
  let timer = 0
  const timeout = new Promise<void>((resolve) => (timer = window.setTimeout(() => resolve(void (late = true)), LOAD_TIMEOUT_MS)))
  await Promise.race([read(), timeout]).catch(() => undefined)
  window.clearTimeout(timer)
}

export function getPref<T>(key: string, fallback: T): T {
  return values.has(key) ? (values.get(key) as T) : fallback
}

/** Remembers a preference at once and writes it in the background, several changes in one transaction. */
export function setPref(key: string, value: unknown): void {
  // Each persistent state hands back on mount the value it was just given: nothing to write.
  if (values.has(key) && Object.is(values.get(key), value)) return
  values.set(key, value)
  unsaved.set(key, value)
  if (saveQueued || !database) return
  saveQueued = true
  queueMicrotask(() => {
    saveQueued = false
    try {
      const store = database!.transaction(STORE, 'readwrite').objectStore(STORE)
      for (const [k, v] of unsaved) store.put(v, k)
      unsaved.clear()
    } catch {
      // the database went away (storage cleared while open): keep the values for this session
    }
  })
}
