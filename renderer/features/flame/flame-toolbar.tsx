import {CloseIcon, SearchIcon} from '../../components/icons'
import {formatCount} from '../../components/format'
import {flameUi, useFlameUi} from './flame-store'
import type {FlameMode} from './flame-store'

const modes: {mode: FlameMode; label: string; title: string}[] = [
  {mode: 'time', label: 'Time order', title: 'Calls in time order: x is time'},
  {mode: 'left-heavy', label: 'Left heavy', title: 'Identical call paths merged, heaviest first'},
  {mode: 'sandwich', label: 'Sandwich', title: 'Functions by time, with their callers and callees'},
]

/** The flame view's toolbar: mode switch, search with match count and stepping, reset. */
export function FlameToolbar(props: {
  traceId: string
  matchCount: number | undefined
  onCycle: (step: 1 | -1) => void
  onReset: () => void
}) {
  const mode = useFlameUi(s => s.mode)
  const query = useFlameUi(s => s.query)
  const focus = useFlameUi(s => (s.focus?.traceId === props.traceId ? s.focus : undefined))
  const ui = flameUi.getState()
  const active = query.trim() !== '' || focus !== undefined
  return (
    <div className="view-toolbar flame-toolbar">
      <div className="flame-modes" role="radiogroup" aria-label="Flame chart mode">
        {modes.map(m => (
          <button
            key={m.mode}
            role="radio"
            aria-checked={mode === m.mode}
            className={`flame-mode${mode === m.mode ? ' active' : ''}`}
            data-testid={`flame-mode-${m.mode}`}
            title={m.title}
            onClick={() => ui.setMode(m.mode)}
          >
            {m.label}
          </button>
        ))}
      </div>
      <div className="flame-search">
        <SearchIcon size={12} />
        {focus ? (
          <span className="flame-focus" data-testid="flame-focus" title={focus.label}>
            Calls of {focus.label}
          </span>
        ) : (
          <input
            className="flame-search-input"
            data-testid="flame-search"
            placeholder="Search names and files"
            aria-label="Search the flame chart by name or file"
            spellCheck={false}
            value={query}
            onChange={e => ui.setQuery(e.target.value)}
            onKeyDown={e => {
              if (e.key === 'Escape') ui.setQuery('')
              else if (e.key === 'Enter') {
                e.preventDefault()
                props.onCycle(e.shiftKey ? -1 : 1)
              }
            }}
          />
        )}
        {active && props.matchCount !== undefined && (
          <span className="flame-match-count" data-testid="flame-match-count">
            {props.matchCount === 0
              ? 'no match'
              : `${formatCount(props.matchCount)} match${props.matchCount === 1 ? '' : 'es'}`}
          </span>
        )}
        {active && (
          <>
            <button
              className="icon-button"
              title="Previous match (Shift+Enter)"
              aria-label="Previous match"
              onClick={() => props.onCycle(-1)}
            >
              ↑
            </button>
            <button
              className="icon-button"
              title="Next match (Enter)"
              aria-label="Next match"
              onClick={() => props.onCycle(1)}
            >
              ↓
            </button>
            <button
              className="icon-button"
              title="Clear (Esc)"
              aria-label="Clear search"
              onClick={() => (focus ? ui.setFocus(undefined) : ui.setQuery(''))}
            >
              <CloseIcon size={11} />
            </button>
          </>
        )}
      </div>
      <div className="toolbar-spacer" />
      {mode !== 'sandwich' && (
        <button
          className="icon-button"
          title="Show everything (0)"
          onClick={props.onReset}
          data-testid="flame-reset"
        >
          Reset
        </button>
      )}
    </div>
  )
}

/** The strip under the chart: what the colours mean and how to move around. */
export function FlameFooter(props: {legend: {label: string; color: string}[]}) {
  return (
    <div className="flame-footer">
      <div className="flame-legend" aria-label="Colours">
        {props.legend.map(item => (
          <span key={item.label} className="flame-legend-item">
            <span className="flame-swatch" style={{background: item.color}} />
            {item.label}
          </span>
        ))}
      </div>
      <div className="toolbar-spacer" />
      <span className="flame-hint">
        wheel zoom · drag pan · double-click zoom to call · + − 0 · WASD · Enter next match
      </span>
    </div>
  )
}
