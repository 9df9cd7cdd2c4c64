import { Lexer, type Token, type Tokens } from 'marked'
import type { ReactElement, ReactNode } from 'react'

/** Links a note may open (in the system browser, by the host's external-link rule); anything else shows as text. */
const SAFE_LINK = /^(https?:|mailto:)/i

function inline(tokens: Token[] | undefined, key: string, links: boolean): ReactNode[] {
  return (tokens ?? []).map((t, i): ReactNode => {
    const k = `${key}${i}`
    switch (t.type) {
      case 'strong':
        return <strong key={k}>{inline((t as Tokens.Strong).tokens, k, links)}</strong>
      case 'em':
        return <em key={k}>{inline((t as Tokens.Em).tokens, k, links)}</em>
      case 'del':
        return <del key={k}>{inline((t as Tokens.Del).tokens, k, links)}</del>
      case 'codespan':
        return <code key={k}>{(t as Tokens.Codespan).text}</code>
      case 'br':
        return <br key={k} />
      case 'link': {
        const link = t as Tokens.Link
        const label = inline(link.tokens, k, links)
        return links && SAFE_LINK.test(link.href) ? (
          <a key={k} href={link.href} target="_blank" rel="noreferrer noopener" title={link.href}>
            {label}
          </a>
        ) : (
          <span key={k} className="note-link" title={link.href}>
            {label}
          </span>
        )
      }
      // Images are never loaded from the web: the note says what was there.
      case 'image':
        return <span key={k} className="note-image">{`[image: ${(t as Tokens.Image).text || (t as Tokens.Image).href}]`}</span>
      case 'text': {
        const text = t as Tokens.Text
        return text.tokens ? <span key={k}>{inline(text.tokens, k, links)}</span> : text.text
      }
      // Raw HTML and anything unknown stay what the researcher typed: text.
      default:
        return t.raw
    }
  })
}

/** Blocks as spans styled as blocks: a note is shown inside cards that are buttons, where only phrasing content is valid. */
function block(t: Token, k: string, links: boolean): ReactNode {
  const span = (className: string, children: ReactNode): ReactElement => (
    <span key={k} className={className}>
      {children}
    </span>
  )
  switch (t.type) {
    case 'space':
      return null
    case 'paragraph':
      return span('note-p', inline((t as Tokens.Paragraph).tokens, k, links))
    case 'heading':
      return span('note-p', <strong>{inline((t as Tokens.Heading).tokens, k, links)}</strong>)
    case 'blockquote':
      return span(
        'note-quote',
        (t as Tokens.Blockquote).tokens.map((c, i) => block(c, `${k}.${i}`, links)),
      )
    case 'list': {
      const list = t as Tokens.List
      return span(
        'note-list',
        list.items.map((item, i) => (
          <span key={i} className="note-li" data-marker={list.ordered ? `${Number(list.start || 1) + i}.` : '•'}>
            {item.tokens.map((c, j) => (c.type === 'text' ? inline((c as Tokens.Text).tokens ?? [c], `${k}.${i}.${j}`, links) : block(c, `${k}.${i}.${j}`, links)))}
          </span>
        )),
      )
    }
    case 'code':
      return span('note-code', <code>{(t as Tokens.Code).text}</code>)
    case 'hr':
      return span('note-hr', null)
    case 'text':
      return span('note-p', inline((t as Tokens.Text).tokens ?? [t], k, links))
    default:
      return span('note-p', t.raw)
  }
}

/**
 * A note as the researcher wrote it, in Markdown: emphasis, lists, quotes, code and links are
 * shown as such (links live only where asked, never inside a card that is itself a button). Nothing in it becomes live HTML (it is built as React elements from marked's
 * tokens, raw HTML kept as text), links open only http(s) and mail addresses through the
 * host, and images are named, never fetched.
 */
export function NoteText({ text, links = false, className = 'card-note' }: { text: string; links?: boolean; className?: string }): ReactElement {
  const tokens = new Lexer({ gfm: true, breaks: true }).lex(text)
  return <span className={`${className} note-md`}>{tokens.map((t, i) => block(t, String(i), links))}</span>
}
