import './exceptions.css'
import hljs from 'highlight.js/lib/core'
import python from 'highlight.js/lib/languages/python'
import {useMemo, useState} from 'react'
import type {ExceptionDetails} from '../../../shared/model/node-details'
import {fileForPath, parseTraceback} from '../../../shared/insights/traceback'
import type {TracebackEntry} from '../../../shared/insights/traceback'
import {CopyButton} from '../../components/copy-button'
import {ValueTree} from '../../components/value-tree'
import {NodeFlag, NodeKind} from '../../../shared/model/node-kind'
import {nameOf} from '../../../shared/model/trace-model'
import type {TraceModel} from '../../../shared/model/trace-model'
import {useModel} from '../../state/trace-hooks'
import {useTraceRef} from '../../state/trace-scope'
import {useOpenInEditor} from '../../components/open-in-editor'
import {useJump} from '../../components/node-jumps'

if (!hljs.getLanguage('python')) hljs.registerLanguage('python', python)

/**
 * An uncaught exception: its message, the traceback with each line of user code opening the
 * editor (and jumping to the frame when it is in the trace), and the locals of its frames.
 */
export function ExceptionView(props: {details: ExceptionDetails}) {
  const d = props.details
  const model = useModel(useTraceRef())
  const entries = useMemo(() => parseTraceback(d.traceback, d.frames), [d])
  const files = useMemo(() => (model ? frameFiles(model) : []), [model])
  const last = d.frames.length - 1
  return (
    <div className="exception-view" data-testid="exception-view">
      <div className="exception-summary mono" data-testid="exception-summary">
        {d.summary.join('').trim() || d.name}
      </div>
      {entries.length > 0 ? (
        <div className="traceback" data-testid="traceback">
          <div className="traceback-head">
            <span className="muted small">Traceback (most recent call last)</span>
            <CopyButton text={() => d.traceback.join('')} title="Copy traceback" />
          </div>
          {entries.map((e, i) =>
            e.kind === 'frame' ? (
              <TracebackFrame
                key={i}
                entry={e}
                details={d}
                open={e.frameIndex === last}
                fallback={e.frameIndex === undefined && model ? traced(model, files, e) : undefined}
              />
            ) : i === 0 && /^Traceback/.test(e.text) ? null : (
              <div key={i} className="tb-text mono">
                {e.text}
              </div>
            ),
          )}
        </div>
      ) : (
        <div className="muted small">No traceback was recorded.</div>
      )}
    </div>
  )
}

function TracebackFrame(props: {
  entry: Extract<TracebackEntry, {kind: 'frame'}>
  details: ExceptionDetails
  open: boolean
  /** A line Kolo did not list among the exception's frames, found in the trace's own frames. */
  fallback?: {fileId: number; nodeId?: number}
}) {
  const {entry} = props
  const frame =
    entry.frameIndex !== undefined ? props.details.frames[entry.frameIndex] : props.fallback
  const [showLocals, setShowLocals] = useState(props.open)
  const openEditor = useOpenInEditor()
  const jump = useJump()
  const html = useMemo(
    () => hljs.highlight(entry.code, {language: 'python', ignoreIllegals: true}).value,
    [entry.code],
  )
  const user = entry.frameIndex !== undefined
  return (
    <div
      className={`tb-frame${user ? ' user' : ' library'}`}
      data-testid="traceback-frame"
      data-user={user}
    >
      <div className="tb-loc">
        {frame?.fileId !== undefined ? (
          <button
            className="site-link mono"
            title={`Open ${entry.path}:${entry.line} in your editor`}
            data-testid="traceback-open"
            onClick={() => openEditor({fileId: frame.fileId!, line: entry.line})}
          >
            {'path' in frame ? frame.path : shortPath(entry.path)}:{entry.line}
          </button>
        ) : (
          <span className="mono tb-path" title={`${entry.path}:${entry.line}`}>
            {shortPath(entry.path)}:{entry.line}
          </span>
        )}
        <span className="muted small"> in </span>
        <span className="mono tb-name">{entry.name}</span>
        <span className="tb-actions">
          {frame?.nodeId !== undefined && (
            <button
              className="mini-link"
              data-testid="traceback-frame-link"
              onClick={() => jump(frame.nodeId!, 'frame')}
            >
              frame
            </button>
          )}
          {frame !== undefined && 'locals' in frame && frame.locals !== undefined && (
            <button className="mini-link" onClick={() => setShowLocals(s => !s)}>
              {showLocals ? 'hide locals' : 'locals'}
            </button>
          )}
        </span>
      </div>
      {entry.code !== '' && (
        <pre className="tb-code mono" dangerouslySetInnerHTML={{__html: html}} />
      )}
      {showLocals && frame !== undefined && 'locals' in frame && frame.locals !== undefined && (
        <div className="tb-locals" data-testid="traceback-locals">
          <ValueTree value={frame.locals} asVariables openDepth={0} />
        </div>
      )}
    </div>
  )
}

/** The last three segments of a long path: "…/core/handlers/exception.py". */
export function shortPath(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts.length > 4 ? `…/${parts.slice(-3).join('/')}` : path
}

/** The files of a trace's frames, with their recorded paths. */
function frameFiles(model: TraceModel): {fileId: number; path: string}[] {
  const seen = new Set<number>()
  for (let i = 0; i < model.nodeCount; i++) {
    if (model.kind[i] === NodeKind.frame && model.fileId[i]! >= 0) seen.add(model.fileId[i]!)
  }
  return [...seen].map(fileId => ({fileId, path: model.strings[fileId] ?? ''}))
}

/** A traceback line's file among the trace's, and a frame of that function (on the error path first). */
function traced(
  model: TraceModel,
  files: {fileId: number; path: string}[],
  entry: {path: string; name: string},
): {fileId: number; nodeId?: number} | undefined {
  const fileId = fileForPath(entry.path, files)
  if (fileId === undefined) return undefined
  let nodeId: number | undefined
  for (let i = 0; i < model.nodeCount; i++) {
    if (model.kind[i] !== NodeKind.frame || model.fileId[i] !== fileId) continue
    const name = nameOf(model, i)
    if (
      name !== entry.name &&
      !name.endsWith(`.${entry.name}`) &&
      !name.endsWith(` ${entry.name}`)
    ) {
      continue
    }
    if (nodeId === undefined || model.flags[i]! & NodeFlag.exceptionPath) nodeId = i
    if (model.flags[i]! & NodeFlag.exceptionPath) break
  }
  return nodeId === undefined ? {fileId} : {fileId, nodeId}
}
