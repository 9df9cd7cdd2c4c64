import type { ReactElement } from 'react'
import type { ArticleSummary } from '@shared/types'
import { formatDate, isInformational } from '../format'

/** Title, outlet/author, date, categories and file warnings above the article text. */
export function ArticleHeader({ summary, onEdit }: { summary: ArticleSummary; onEdit?: () => void }): ReactElement {
  const problems = summary.warnings.filter((w) => !isInformational(w))
  const repairs = summary.warnings.filter(isInformational)
  const byline = [summary.outlet, summary.author].filter((v, i, a) => v && a.indexOf(v) === i).join(' · ')
  return (
    <header className="article-header">
      {summary.categories.length > 0 && (
        <p className="kicker">
          {summary.categories.map((c) => (
            <span key={c} className="category">
              {c}
            </span>
          ))}
        </p>
      )}
      <h1 className="article-title">{summary.title}</h1>
      <p className="byline">
        {byline && <span>{byline}</span>}
        <span>{summary.date ? formatDate(summary.date) : 'No date'}</span>
        {summary.titleSource === 'derived' && (
          <span className="muted" title="This file has no title; Parallax used its first sentence.">
            title from first sentence
          </span>
        )}
        {onEdit && (
          <button type="button" className="link-button" onClick={onEdit} aria-label="Edit article details">
            Edit details
          </button>
        )}
      </p>
      {problems.length > 0 && (
        <ul className="article-warnings" aria-label="Problems with this file">
          {problems.map((w) => (
            <li key={w.code + w.message}>{w.message}</li>
          ))}
        </ul>
      )}
      {repairs.length > 0 && (
        <ul className="article-notes" aria-label="Repairs made while reading this file">
          {repairs.map((w) => (
            <li key={w.code + w.message}>✓ {w.message}</li>
          ))}
        </ul>
      )}
    </header>
  )
}
