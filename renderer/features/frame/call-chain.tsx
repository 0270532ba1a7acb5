import {useState} from 'react'
import {nodeKindNames} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'
import {fileOf, nameOf} from '../../../shared/model/trace-model'
import {ChevronIcon, KindIcon} from '../../components/icons'
import {Excerpt} from './excerpt'
import type {ChainItem} from './frame-data'
import {callChain, foldLibraryRuns} from './frame-data'
import {OpenInEditorButton} from '../../components/open-in-editor'

/**
 * Every node from the request (or test, or root) down to the selected one, each frame an excerpt
 * of its own file at the line where it called the next, stacked so a path through several files
 * reads as one story. Runs of library frames fold into one row; clicking an entry selects it.
 */
export function CallChain(props: {
  model: TraceModel
  nodeId: number
  onSelect: (id: number) => void
}) {
  const {model, nodeId} = props
  const items = callChain(model, nodeId)
  return (
    <ol className="chain" data-testid="chain-list">
      {foldLibraryRuns(items).map((entry, i) =>
        'item' in entry ? (
          <ChainEntry
            key={entry.item.nodeId}
            item={entry.item}
            model={model}
            isLast={entry.item.nodeId === nodeId}
            onSelect={props.onSelect}
          />
        ) : (
          <LibraryRun
            key={`lib-${i}`}
            items={entry.library}
            model={model}
            onSelect={props.onSelect}
          />
        ),
      )}
    </ol>
  )
}

function LibraryRun(props: {
  items: ChainItem[]
  model: TraceModel
  onSelect: (id: number) => void
}) {
  const [open, setOpen] = useState(false)
  const {items, model} = props
  const first = fileOf(model, items[0]!.nodeId) ?? ''
  return (
    <>
      <li className="chain-entry chain-library">
        <button className="chain-head" onClick={() => setOpen(o => !o)} data-testid="chain-library">
          <ChevronIcon size={11} className={`chain-chevron${open ? ' open' : ''}`} />
          <span className="muted">{items.length} library frames</span>
          <span className="chain-file mono faint">{first}</span>
        </button>
      </li>
      {open &&
        items.map(item => (
          <ChainEntry
            key={item.nodeId}
            item={item}
            model={model}
            isLast={false}
            onSelect={props.onSelect}
          />
        ))}
    </>
  )
}

function ChainEntry(props: {
  item: ChainItem
  model: TraceModel
  isLast: boolean
  onSelect: (id: number) => void
}) {
  const {item, model, isLast} = props
  const [open, setOpen] = useState(true)
  const kind = nodeKindNames[model.kind[item.nodeId]!] ?? 'frame'
  const file = fileOf(model, item.nodeId)
  const line = item.atLine ?? item.defLine
  const showCode = item.fileId >= 0 && line > 0 && (item.isFrame || isLast)
  return (
    <li
      className={`chain-entry${isLast ? ' selected' : ''}${item.isLibrary ? ' library' : ''}`}
      data-testid="chain-entry"
      data-node-id={item.nodeId}
    >
      <div className="chain-head" onClick={() => props.onSelect(item.nodeId)}>
        {showCode ? (
          <button
            className="icon-button"
            title={open ? 'Fold' : 'Unfold'}
            onClick={e => {
              e.stopPropagation()
              setOpen(o => !o)
            }}
          >
            <ChevronIcon size={11} className={`chain-chevron${open ? ' open' : ''}`} />
          </button>
        ) : (
          <span className="chain-spacer" />
        )}
        <span className={`chain-kind kind-${kind}`}>
          <KindIcon kind={kind} size={12} />
        </span>
        <span className="chain-name mono" title={nameOf(model, item.nodeId)}>
          {nameOf(model, item.nodeId)}
        </span>
        {file !== undefined && line > 0 && (
          <span className="chain-file mono faint" title={`${file}:${line}`}>
            {file}:{line}
          </span>
        )}
        {item.fileId >= 0 && line > 0 && <OpenInEditorButton fileId={item.fileId} line={line} />}
      </div>
      {showCode && open && (
        <Excerpt
          fileId={item.fileId}
          line={line}
          mark={isLast && item.isFrame ? 'call' : 'at'}
          before={isLast ? 0 : 2}
          after={isLast ? 1 : 1}
          compact
          onClick={() => props.onSelect(item.nodeId)}
        />
      )}
    </li>
  )
}
