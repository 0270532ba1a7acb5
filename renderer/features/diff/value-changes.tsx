import type {CallDiffSection} from '../../../shared/diff/call-diff'
import type {ValueChange, ValueDiff} from '../../../shared/diff/value-diff'

const changeLook: Record<ValueChange['kind'], {glyph: string; label: string}> = {
  added: {glyph: '+', label: 'added'},
  removed: {glyph: '−', label: 'removed'},
  changed: {glyph: '~', label: 'changed'},
  type: {glyph: '≠', label: 'type changed'},
}

/**
 * The changed paths of one value: `['items'][2]['price']  10 → 12`, an added key with its value,
 * a removed list item. Before and after are marked as deletion and insertion, not by colour alone.
 */
export function ValueChanges(props: {diff: ValueDiff}) {
  const {changes, truncated} = props.diff
  return (
    <ul className="vchanges">
      {changes.map((c, i) => {
        const look = changeLook[c.kind]
        return (
          <li key={i} className={`vchange vchange-${c.kind}`} data-testid="value-change">
            <span className="vchange-glyph" aria-hidden="true">
              {look.glyph}
            </span>
            <span className="visually-hidden">{look.label}: </span>
            <span className="vchange-path mono">{c.path === '' ? '(the value)' : c.path}</span>
            <span className="vchange-values mono">
              {c.before !== undefined && <del className="vchange-before">{c.before}</del>}
              {c.before !== undefined && c.after !== undefined && (
                <span className="vchange-arrow" aria-label="became">
                  →
                </span>
              )}
              {c.after !== undefined && <ins className="vchange-after">{c.after}</ins>}
            </span>
          </li>
        )
      })}
      {truncated && <li className="vchange-more muted">More changes than listed here.</li>}
    </ul>
  )
}

/** The sections of a call's diff (arguments, locals, return value, rows, status…), titled. */
export function CallDiffSections(props: {sections: CallDiffSection[]}) {
  return (
    <div className="diff-sections">
      {props.sections.map(s => (
        <section
          key={s.label}
          className="diff-section"
          data-testid="diff-section"
          data-label={s.label}
        >
          <h4 className="diff-section-title">
            {s.label}
            {s.gist !== undefined && <span className="diff-gist mono">{s.gist}</span>}
          </h4>
          <ValueChanges diff={s.diff} />
        </section>
      ))}
    </div>
  )
}
