import { sentencesOf } from './segment'
import type { Entity, Side, Span, Statement } from './types'

/** Verbs of saying, in the forms news reports use them. */
const SAID = String.raw`(?:said|says|say|told|noted|notes|stressed|stresses|added|adds|stated|states|emphasi[sz]ed|underlined|underscored|reiterated|warned|urged|insisted|argued|claimed|declared|announced|explained|pointed out|hailed|praised|applauded|called for|expressed|assured|affirmed|acknowledged|remarked|vowed|pledged|proposed)`
const PRONOUN = /^(?:he|she)$/i

interface SpeakerMention {
  /** Canonical name of the person. */
  name: string
  start: number
  end: number
}

/**
 * Ways a text refers to a person besides their name: "the Chinese leader" and "the Chinese
 * president" for someone introduced as "Chinese President Xi Jinping" or "his Chinese counterpart
 * Xi Jinping" (learned from the texts, so it works for any country and any pair).
 */
function rolesOf(texts: string[], people: Entity[]): Map<string, string> {
  const roles = new Map<string, string>()
  const byWord = (name: string): Entity | undefined => people.find((p) => p.name.split(/\s+/).some((w) => name.split(/\s+/).includes(w)))
  for (const text of texts) {
    for (const m of text.matchAll(/\b(\p{Lu}[\p{L}-]+)\s+(?:President|Premier|Prime Minister|Chancellor|leader|counterpart|Foreign Minister)\s+((?:\p{Lu}[\p{L}-]+\s?){1,3})/gu)) {
      const person = byWord(m[2]!.trim())
      if (!person) continue
      const demonym = m[1]!.toLowerCase()
      for (const role of ['president', 'leader', 'premier', 'prime minister', 'head of state']) roles.set(`the ${demonym} ${role}`, person.name)
    }
  }
  return roles
}

/** Every mention of a person in a text: by name (any part of it), by role, in order. */
function speakerMentions(text: string, side: Side, people: Entity[], roles: Map<string, string>): SpeakerMention[] {
  const out: SpeakerMention[] = []
  for (const p of people) for (const m of p.mentions) if (m.side === side) out.push({ name: p.name, start: m.start, end: m.end })
  const lower = text.toLowerCase()
  for (const [role, name] of roles) {
    for (let at = lower.indexOf(role); at >= 0; at = lower.indexOf(role, at + 1)) out.push({ name, start: at, end: at + role.length })
  }
  return out.sort((a, b) => a.start - b.start)
}

/**
 * Statements attributed to speakers: "Xi said (that) …", "…, Xi said.", "…, he added.",
 * quotations in “…” or "…" with a speaker in the sentence. The speaker is resolved to one
 * person across both reports (a name part, a role such as "the Russian president", or "he"/"she"
 * when the sentence before named exactly one person).
 */
export function statementsOf(text: string, side: Side, entities: Entity[], otherText = ''): Statement[] {
  const people = entities.filter((e) => e.type === 'person')
  const roles = rolesOf([text, otherText], people)
  const mentions = speakerMentions(text, side, people, roles)
  const out: Statement[] = []
  let lastPeople: string[] = []
  for (const sentence of sentencesOf(text)) {
    // "Putin’s adviser Yuri Ushakov said": a possessive names whose adviser, not who speaks.
    const inSentence = mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end && !/^['’]s\b/.test(text.slice(m.end, m.end + 3)))
    const resolve = (offset: number, word?: string): string | undefined => {
      const at = sentence.start + offset
      if (word && PRONOUN.test(word)) return new Set(lastPeople).size === 1 ? lastPeople[0] : undefined
      // The person named closest before the verb of saying (or right after it: "said Putin").
      const before = inSentence.filter((m) => m.end <= at).pop()
      const after = inSentence.find((m) => m.start >= at)
      return (before && at - before.end < 40 ? before : after && after.start - at < 20 ? after : before)?.name
    }
    const s = sentence.text
    const push = (speaker: string | undefined, from: number, to: number): void => {
      const start = sentence.start + from
      const end = sentence.start + to
      const body = text.slice(start, end).trim()
      if (speaker && body.split(/\s+/).length >= 3) out.push({ side, speaker, start: text.indexOf(body, start), end: text.indexOf(body, start) + body.length, text: body })
    }
    // "…, Xi said." / "…, he added." / "…,” Mr Ushakov said."
    const trailing = new RegExp(String.raw`^(.+?)[,”"]+\s*((?:\p{Lu}[\p{L}-]*\s?){1,3}|he|she|the (?:\p{L}+ ){0,2}\p{Ll}+)\s+${SAID}\.?["”]?$`, 'u').exec(s)
    // "Xi said (that) …" / "the Russian president said: “…”"
    const leading = new RegExp(String.raw`^(.*?)\b((?:\p{Lu}[\p{L}’'-]*\s?){1,3}|[Hh]e|[Ss]he|[Tt]he (?:\p{L}+ ){0,2}\p{Ll}+)\s+${SAID}(?:\s+that|:|,)?\s+(.+)$`, 'u').exec(s)
    if (trailing) {
      const who = trailing[2]!.trim()
      push(resolve(s.lastIndexOf(who), who), 0, trailing[1]!.length)
    } else if (leading) {
      const who = leading[2]!.trim()
      const at = leading[1]!.length
      // "The trade grew, Xi said, adding that …": the statement is on both sides of the speaker.
      const midSentence = /,\s*$/.test(leading[1]!) && /^adding\b/.test(leading[3]!)
      push(resolve(at + who.length, who), midSentence ? 0 : s.length - leading[3]!.length, s.length)
    } else {
      // A quotation with a speaker elsewhere in the sentence ("praised the “strategic” energy ties").
      const quote = /[“"]([^”"]{12,})[”"]/.exec(s)
      const verb = new RegExp(String.raw`\b${SAID}\b`).exec(s)
      if (quote && inSentence.length) push(verb ? resolve(verb.index) : inSentence[0]!.name, quote.index + 1, quote.index + 1 + quote[1]!.length)
    }
    if (inSentence.length) lastPeople = inSentence.map((m) => m.name)
  }
  return out
}

export type { Span }
