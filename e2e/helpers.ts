import type { Page } from '@playwright/test'

/**
 * Selects `text` inside the open reader the way a drag would leave the selection, once the
 * reader shows it (an article opened by a click a moment ago may still be on its way).
 */
export async function selectInReader(page: Page, text: string, readerIndex = 0): Promise<void> {
  await page
    .waitForFunction(
      ({ text, readerIndex }) => {
        const reader = document.querySelectorAll('.reader-body')[readerIndex]
        for (const block of reader?.querySelectorAll<HTMLElement>('[data-block]') ?? []) {
          const node = block.firstChild
          const at = node?.textContent?.indexOf(text) ?? -1
          if (node && at >= 0) {
            window.getSelection()!.setBaseAndExtent(node, at, node, at + text.length)
            return true
          }
        }
        return false
      },
      { text, readerIndex },
      { timeout: 7_000 },
    )
    .catch(() => {
      throw new Error(`"${text}" is not in the reader`)
    })
}

/** Names of the CSS custom highlights currently painted, with their range counts. */
export function paintedHighlights(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {}
    CSS.highlights.forEach((h, name) => (out[name] = h.size))
    return out
  })
}

/** Calls the Parallax API from inside the page, through whichever host it runs in. */
export function callApi<T>(page: Page, method: string, args: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, args }) => {
      const host = (window as unknown as { parallaxHost?: { call: (m: string, a: unknown) => Promise<{ ok: boolean; result?: unknown; error?: { message: string } }> } }).parallaxHost
      const reply = host
        ? await host.call(method, args)
        : ((await (
            await fetch(`/api/${method}`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${(history.state as { token?: string } | null)?.token}` },
              body: JSON.stringify(args),
            })
          ).json()) as { ok: boolean; result?: unknown; error?: { message: string } })
      if (!reply.ok) throw new Error(`${method}: ${reply.error?.message}`)
      return reply.result
    },
    { method, args },
  ) as Promise<T>
}
