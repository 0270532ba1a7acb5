import {useMemo, useState} from 'react'
import type {ReactNode} from 'react'
import {nodeKindNames} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'
import {fileOf, nameOf} from '../../../shared/model/trace-model'
import {CopyButton} from '../../components/copy-button'
import {formatDurationNs} from '../../components/format'
import {ChevronIcon, KindIcon} from '../../components/icons'
import {sameFunctionCalls} from './frame-data'
import {EditorPicker} from '../../components/editor-picker'
import {GenerateTestButton} from '../../components/generate-test-button'
import {
  OpenInEditorButton,
  openInEditorShortcut,
  useLaunchStatus,
} from '../../components/open-in-editor'
import {SourceSettingsPanel} from '../../components/source-settings'

/** A titled, collapsible section of the frame view. */
export function FrameSection(props: {
  title: string
  testId: string
  aside?: ReactNode
  defaultOpen?: boolean
  children: ReactNode
}) {
  const [open, setOpen] = useState(props.defaultOpen ?? true)
  return (
    <section className={`frame-section${open ? ' open' : ''}`} data-testid={props.testId}>
      <div className="frame-section-head" onClick={() => setOpen(o => !o)}>
        <ChevronIcon size={11} className={`chain-chevron${open ? ' open' : ''}`} />
        <span className="frame-section-title">{props.title}</span>
        {props.aside !== undefined && (
          <span className="frame-section-aside" onClick={e => e.stopPropagation()}>
            {props.aside}
          </span>
        )}
      </div>
      {open && <div className="frame-section-body">{props.children}</div>}
    </section>
  )
}

/**
 * The frame view's header: what is selected, where (file:line, open in editor), how long it
 * took, the previous and next call of the same function, and the editor and source settings.
 */
export function FrameHeader(props: {
  model: TraceModel
  nodeId: number
  target: {fileId: number; line: number}
  onSelect: (id: number) => void
}) {
  const {model, nodeId, target} = props
  const [settingsOpen, setSettingsOpen] = useState(false)
  const status = useLaunchStatus()
  const kind = nodeKindNames[model.kind[nodeId]!] ?? 'frame'
  const file = fileOf(model, nodeId)
  const calls = useMemo(() => sameFunctionCalls(model, nodeId), [model, nodeId])
  const index = calls.indexOf(nodeId)
  const loc = file !== undefined ? `${file}${target.line > 0 ? `:${target.line}` : ''}` : undefined
  return (
    <div className={`frame-header kind-${kind}`}>
      <div className="frame-title-row">
        <span className={`chain-kind kind-${kind}`}>
          <KindIcon kind={kind} size={14} />
        </span>
        <span className="frame-title mono" data-testid="frame-title" title={nameOf(model, nodeId)}>
          {nameOf(model, nodeId)}
        </span>
        <span className="frame-duration mono faint">
          {formatDurationNs(model.endNs[nodeId]! - model.startNs[nodeId]!)}
        </span>
        {calls.length > 1 && (
          <span className="frame-nav" data-testid="frame-nav">
            <button
              className="icon-button"
              data-testid="frame-prev"
              title="Previous call of this function"
              disabled={index <= 0}
              onClick={() => props.onSelect(calls[index - 1]!)}
            >
              ‹
            </button>
            <span className="mono small">
              call {index + 1} of {calls.length}
            </span>
            <button
              className="icon-button"
              data-testid="frame-next"
              title="Next call of this function"
              disabled={index >= calls.length - 1}
              onClick={() => props.onSelect(calls[index + 1]!)}
            >
              ›
            </button>
          </span>
        )}
      </div>
      <div className="frame-loc-row">
        {loc !== undefined && (
          <>
            <span className="frame-loc mono muted" title={loc}>
              {loc}
            </span>
            <CopyButton text={() => loc} title="Copy file:line" />
          </>
        )}
        <span className="toolbar-spacer" />
        {(kind === 'frame' || kind === 'request') && (
          <GenerateTestButton nodeId={nodeId} testId="frame-generate-test" />
        )}
        <span title={`Open in editor (${openInEditorShortcut})`}>
          <OpenInEditorButton
            fileId={target.fileId}
            line={target.line}
            label="Open in editor"
            testId="frame-open-editor"
          />
        </span>
        <button
          className={`button small${settingsOpen ? ' active' : ''}`}
          data-testid="frame-settings"
          onClick={() => setSettingsOpen(o => !o)}
        >
          Editor & sources
        </button>
      </div>
      {status.state !== 'idle' && (
        <div
          className={`launch-status small ${status.state === 'failed' ? 'error-text' : 'muted'}`}
          data-testid="editor-status"
        >
          {status.state === 'busy' ? 'Opening…' : status.text}
        </div>
      )}
      {settingsOpen && (
        <div className="frame-settings">
          <EditorPicker />
          <SourceSettingsPanel />
        </div>
      )}
    </div>
  )
}
