import {CloseIcon, SearchIcon} from '../../components/icons'
import {formatCount} from '../../components/format'
import {ModeSwitch} from '../../components/mode-switch'
import type {ModeOption} from '../../components/mode-switch'
import type {FlameMode} from '../../state/app-state'
import {useAppStore} from '../../state/use-app-store'

const modeOption = (value: FlameMode, label: string, title: string): ModeOption<FlameMode> => ({
  value,
  label,
  title,
  testId: `flame-mode-${value}`,
})

const modes = [
  modeOption('time', 'Time order', 'Calls in time order: x is time'),
  modeOption('left-heavy', 'Left heavy', 'Identical call paths merged, heaviest first'),
  modeOption('sandwich', 'Sandwich', 'Functions by time, with their callers and callees'),
]

/** The flame view's toolbar: mode switch, search with match count and stepping, reset. */
export function FlameToolbar(props: {
  /** The traceKey of the trace shown (a focus set from another trace's graph does not apply). */
  trace: string
  matchCount: number | undefined
  onCycle: (step: 1 | -1) => void
  onReset: () => void
}) {
  const mode = useAppStore(s => s.flameMode)
  const query = useAppStore(s => s.flameQuery)
  const focus = useAppStore(s => (s.flameFocus?.trace === props.trace ? s.flameFocus : undefined))
  const setMode = useAppStore(s => s.setFlameMode)
  const setQuery = useAppStore(s => s.setFlameQuery)
  const setFocus = useAppStore(s => s.setFlameFocus)
  const active = query.trim() !== '' || focus !== undefined
  return (
    <div className="view-toolbar flame-toolbar">
      <ModeSwitch label="Flame chart mode" options={modes} value={mode} onChange={setMode} />
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
            onChange={e => setQuery(e.target.value)}
            onKeyDown={e => {
              if (e.key === 'Escape') setQuery('')
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
              onClick={() => (focus ? setFocus(undefined) : setQuery(''))}
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
