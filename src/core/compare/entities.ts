import nlp from 'compromise'
import { isStopWord, wordsOf } from './tokens'
import type { Entity, EntityMention, EntityType, Side } from './types'

/** Words that introduce a person by role; they are not part of the name ("President Xi"). */
const TITLES =
  /^(?:President|Premier|Chancellor|Minister|Secretary|Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|King|Queen|Prince|Princess|Pope|General|Gen|Colonel|Senator|Sen|Rep|Governor|Gov|Mayor|Ambassador|Adviser|Advisor|Spokesman|Spokeswoman|Spokesperson|Chairman|Chairwoman|Chair|Leader|Counterpart|Prime|Vice|Deputy|Foreign|Affairs)$/
/** Last words that make a capitalised name an organisation. */
const ORGANISATION_HEADS =
  /^(?:Agency|Organization|Organisation|Board|Council|Ministry|Bank|Committee|Party|Times|Post|News|Union|Forum|Institute|University|Group|Corporation|Company|Association|Commission|Court|Assembly|Parliament|Congress|Fund|Alliance|Summit|Co-operation|Cooperation|Network|Service|Office|Department)$/
// Capitalised words joined by spaces (and "of", "the", "for" inside: "Board of Peace"); a
// possessive ends a name ("Trump’s Board of Peace" is two).
const NAME = /\p{Lu}[\p{L}\p{M}.-]*(?:['’][\p{L}](?![\p{L}]))?(?:[ \t]+(?:(?:of|the|for|de|van|von|al|bin)[ \t]+)*\p{Lu}[\p{L}\p{M}.-]*(?:['’][\p{L}](?![\p{L}]))?)*/gu

const typeCache = new Map<string, EntityType | null | undefined>()

/** What compromise's lexicon knows a name as; null for dates, nationalities and unknown words. */
function lexiconType(name: string): EntityType | null | undefined {
  if (typeCache.has(name)) return typeCache.get(name)
  const doc = nlp(name)
  const type: EntityType | null | undefined =
    doc.has('#Date') || doc.has('#Demonym') ? null : doc.has('#Place') ? 'place' : doc.has('#Organization') ? 'organisation' : doc.has('#Person') && !doc.has('#Honorific') ? 'person' : undefined
  typeCache.set(name, type)
  return type
}

/** A capitalised sentence opener that is no name ("During", "Amid", "Noting"), by compromise's tags. */
const functionWordCache = new Map<string, boolean>()
function isFunctionWord(word: string): boolean {
  const lower = word.toLowerCase()
  let known = functionWordCache.get(lower)
  // Lower-cased, or compromise takes any capitalised word for a proper noun.
  if (known === undefined) functionWordCache.set(lower, (known = nlp(lower).has('(#Preposition|#Conjunction|#Adverb|#Verb|#Determiner|#Pronoun|#QuestionWord)')))
  return known
}

interface Candidate {
  name: string
  start: number
  end: number
  titled: boolean
}

/** Capitalised names in a text, split at titles, without sentence-initial common words. */
function candidatesOf(text: string): Candidate[] {
  const lowerWords = new Set(wordsOf(text.replace(/\p{Lu}[\p{L}'’-]*/gu, ' ')))
  const out: Candidate[] = []
  for (const m of text.matchAll(NAME)) {
    let words = [...m[0].matchAll(/\S+/g)].map((w) => ({ raw: w[0], word: w[0].replace(/['’]s$|[.,;:'’]+$/u, ''), at: (m.index ?? 0) + (w.index ?? 0) }))
    let titled = false
    // Split at titles ("US President Donald Trump" → "US" and, titled, "Donald Trump") and after
    // a possessive ("Trump’s Board of Peace" → "Trump" and "Board of Peace").
    const parts: Array<typeof words> = [[]]
    for (const w of words) {
      if (TITLES.test(w.word)) {
        titled = true
        parts.push([])
        continue
      }
      // "China-Russia relations": two places, not one name.
      const halves = w.word.split('-')
      if (halves.length === 2 && halves.every((h) => /^\p{Lu}/u.test(h) && lexiconType(h) === 'place')) {
        parts.push([{ raw: halves[0]!, word: halves[0]!, at: w.at }], [{ raw: halves[1]!, word: halves[1]!, at: w.at + halves[0]!.length + 1 }], [])
        continue
      }
      parts[parts.length - 1]!.push(w)
      if (/['’]s$/.test(w.raw)) parts.push([])
    }
    for (const [index, part] of parts.entries()) {
      words = part
      // A capitalised sentence opener that the text also uses in lower case is no name.
      const atSentenceStart = (at: number): boolean => /(?:^|[.!?]["”’)]?\s+|\n\s*|(?:^|\s)["“])$/.test(text.slice(Math.max(0, at - 4), at))
      while (
        words.length &&
        (isStopWord(words[0]!.word.toLowerCase()) || (atSentenceStart(words[0]!.at) && ((words.length === 1 && lowerWords.has(words[0]!.word.toLowerCase())) || isFunctionWord(words[0]!.word))))
      )
        words = words.slice(1)
      while (words.length && isStopWord(words[words.length - 1]!.word.toLowerCase())) words = words.slice(0, -1)
      if (!words.length) continue
      const first = words[0]!
      const last = words[words.length - 1]!
      const name = text.slice(first.at, last.at + last.word.length)
      if (name.length < 2 || (/^\p{Lu}[\p{Lu}\s]+$/u.test(name) === false && name === name.toUpperCase() && name.length > 6)) continue
      out.push({ name, start: first.at, end: last.at + last.word.length, titled: titled && index > 0 })
    }
  }
  return out
}

function classify(c: Candidate, knownPeople: Set<string>): EntityType | null {
  const words = c.name.split(/\s+/)
  // "Board of Peace", "Council of Europe": a body, whatever its last word means on its own.
  if (words.length > 1 && ORGANISATION_HEADS.test(words[0]!)) return 'organisation'
  const known = lexiconType(c.name)
  if (known === null && !c.titled) return null
  if (known) return known
  if (c.titled || words.some((w) => knownPeople.has(w))) return 'person'
  if (ORGANISATION_HEADS.test(words[words.length - 1]!) || (words.length > 1 && ORGANISATION_HEADS.test(words[0]!))) return 'organisation'
  if (/^\p{Lu}{2,6}$/u.test(c.name)) return 'organisation'
  // An unknown single proper name that is no one's name: in news, most often a place.
  return words.length === 1 ? 'place' : 'organisation'
}

/** Topics: abstract nouns (sovereignty, security, cooperation) and hyphenated compounds with their noun (visa-free entry). */
function topicsOf(text: string): Candidate[] {
  const out: Candidate[] = []
  for (const m of text.matchAll(/\b[\p{Ll}]+-[\p{Ll}]+(?:\s+[\p{Ll}]{3,})?|\b[\p{Ll}]{4,}(?:ty|tion|sion|ment|ance|ence|ism|ship|acy)\b/gu)) {
    let name = m[0]
    // "visa-free entry for": keep the compound and a following noun, not a following preposition.
    const parts = name.split(/\s+/)
    if (parts.length === 2 && isStopWord(parts[1]!)) name = parts[0]!
    out.push({ name, start: m.index ?? 0, end: (m.index ?? 0) + name.length, titled: false })
  }
  return out
}

const keyOf = (name: string): string => wordsOf(name).join(' ')

/**
 * People, places, organisations and topics of two texts, merged within and across them ("Xi",
 * "President Xi" and "Xi Jinping" are one person), each with its mentions.
 */
export function entitiesOf(texts: Record<Side, string>): Entity[] {
  const found: Array<Candidate & { side: Side; type: EntityType }> = []
  const people = new Set<string>()
  for (const side of ['left', 'right'] as const) {
    const candidates = candidatesOf(texts[side])
    for (const c of candidates) if (c.titled || lexiconType(c.name) === 'person') for (const w of c.name.split(/\s+/)) people.add(w)
    for (const c of candidates) {
      const type = classify(c, people)
      if (type) found.push({ ...c, side, type })
    }
    // A topic word inside a name ("Economic Co-operation") is the name's, not a topic mention.
    const names = found.filter((f) => f.side === side)
    for (const t of topicsOf(texts[side])) if (!names.some((n) => t.start < n.end && n.start < t.end)) found.push({ ...t, side, type: 'topic' })
  }
  // People are merged by name parts: the longest name a shorter one is part of stands for both.
  const canonical = new Map<string, string>()
  const personNames = [...new Set(found.filter((f) => f.type === 'person').map((f) => keyOf(f.name)))].sort((a, b) => b.length - a.length)
  for (const n of personNames) {
    const words = n.split(' ')
    const longer = personNames.find((m) => m !== n && m.length > n.length && words.every((w) => m.split(' ').includes(w)))
    canonical.set(n, longer ? (canonical.get(longer) ?? longer) : n)
  }
  const entities = new Map<string, Entity>()
  const displayName = new Map<string, string>()
  for (const f of found) {
    const base = keyOf(f.type === 'topic' ? f.name : f.name)
    const key = `${f.type}:${f.type === 'person' ? (canonical.get(base) ?? base) : base}`
    let e = entities.get(key)
    if (!e) entities.set(key, (e = { name: f.name, type: f.type, mentions: [] }))
    const shown = displayName.get(key)
    if (!shown || (f.type === 'person' && f.name.length > shown.length)) {
      displayName.set(key, f.name)
      e.name = f.name
    }
    const mention: EntityMention = { side: f.side, start: f.start, end: f.end }
    e.mentions.push(mention)
  }
  // A longer name that starts with a known one also mentions it ("United Nations Charter" → the United Nations).
  const all = [...entities.values()]
  for (const e of all) {
    if (e.type === 'person' || e.type === 'topic') continue
    const key = keyOf(e.name)
    for (const shorter of all) if (shorter !== e && shorter.type !== 'person' && shorter.type !== 'topic' && key.startsWith(`${keyOf(shorter.name)} `)) shorter.mentions.push(...e.mentions)
  }
  // A topic mentioned once, and not a compound, is seldom what a report is about.
  return all.filter((e) => e.type !== 'topic' || e.mentions.length > 1 || /[-\s]/.test(e.name))
}

/** Splits entities by which text mentions them. */
export function contrastEntities(entities: Entity[]): { onlyLeft: Entity[]; onlyRight: Entity[]; both: Entity[] } {
  const order = (a: Entity, b: Entity): number => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name)
  const sides = (e: Entity): Set<Side> => new Set(e.mentions.map((m) => m.side))
  return {
    onlyLeft: entities.filter((e) => sides(e).size === 1 && sides(e).has('left')).sort(order),
    onlyRight: entities.filter((e) => sides(e).size === 1 && sides(e).has('right')).sort(order),
    both: entities.filter((e) => sides(e).size === 2).sort(order),
  }
}
