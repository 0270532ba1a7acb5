import {useAppStore} from '../../state/use-app-store'
import {formatCount} from '../../components/format'
import {CloseIcon, ExpandAllIcon, SearchIcon} from '../../components/icons'

/** The tree's filter box, match count and expand/collapse-all buttons. */
export function TreeToolbar(props: {
  matchCount?: number
  onExpandAll: () => void
  onCollapseAll: () => void
  onNextMatch: (direction: 1 | -1) => void
}) {
  const filter = useAppStore(s => s.treeFilter)
  const setFilter = useAppStore(s => s.setTreeFilter)
  return (
    <div className="view-toolbar">
      <div className="filter-box tree-filter-box">
        <SearchIcon size={12} />
        <input
          className="filter-input"
          data-testid="tree-filter"
          placeholder="Filter calls by name"
          value={filter}
          spellCheck={false}
          aria-label="Filter calls by name"
          onChange={e => setFilter(e.target.value)}
          onKeyDown={e => {
            if (e.key === 'Escape') setFilter('')
            else if (e.key === 'Enter') props.onNextMatch(e.shiftKey ? -1 : 1)
          }}
        />
        {props.matchCount !== undefined && (
          <span className="filter-count" role="status">
            {props.matchCount === 0
              ? 'no match'
              : `${formatCount(props.matchCount)} match${props.matchCount === 1 ? '' : 'es'}`}
          </span>
        )}
        {filter && (
          <button
            className="icon-button"
            title="Clear (Esc)"
            aria-label="Clear the filter"
            onClick={() => setFilter('')}
          >
            <CloseIcon size={11} />
          </button>
        )}
      </div>
      <div className="toolbar-spacer" />
      <button
        className="icon-button"
        title="Expand all"
        aria-label="Expand all"
        onClick={props.onExpandAll}
      >
        <ExpandAllIcon size={14} />
      </button>
      <button
        className="icon-button"
        title="Collapse all"
        aria-label="Collapse all"
        onClick={props.onCollapseAll}
      >
        <ExpandAllIcon size={14} collapse />
      </button>
    </div>
  )
}
