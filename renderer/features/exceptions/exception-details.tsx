import './exception-details.css'
import {useState} from 'react'
import type {ExceptionDetails} from '../../../shared/model/node-details'
import {CodeBlock} from '../../components/code-block'
import {baseName} from '../../components/format'
import {ChevronIcon} from '../../components/icons'
import {ValueTree} from '../../components/value-tree'
import {NodeLink, Section} from '../../components/detail-parts'
import {OpenInEditorButton} from '../../components/open-in-editor'

/** An uncaught exception: summary, traceback and the frames with their locals. */
export function ExceptionDetailsView(props: {
  details: ExceptionDetails
  onSelect: (id: number) => void
}) {
  const d = props.details
  return (
    <>
      <Section title="Exception" copy={() => d.summary.join('')}>
        <div className="exception-message mono">{d.summary.join('').trim() || d.name}</div>
        {d.originNodeId !== undefined && (
          <NodeLink nodeId={d.originNodeId} onSelect={props.onSelect}>
            Go to the frame that raised it
          </NodeLink>
        )}
      </Section>
      {d.traceback.length > 0 && (
        <Section title="Traceback" copy={() => d.traceback.join('')}>
          <CodeBlock code={d.traceback.join('').trimEnd()} language="python" maxHeightPx={360} />
        </Section>
      )}
      {d.frames.length > 0 && (
        <Section title="Frames" aside={d.frames.length}>
          <ol className="exc-frames">
            {d.frames.map((f, i) => (
              <ExceptionFrame
                key={i}
                frame={f}
                isOrigin={i === d.frames.length - 1}
                onSelect={props.onSelect}
              />
            ))}
          </ol>
        </Section>
      )}
    </>
  )
}

/**
 * One frame of the traceback: a button that shows or hides its locals, and beside it (never
 * inside it) the jump to the frame and the open-in-editor button.
 */
function ExceptionFrame(props: {
  frame: ExceptionDetails['frames'][number]
  isOrigin: boolean
  onSelect: (id: number) => void
}) {
  const {frame: f, isOrigin} = props
  const [open, setOpen] = useState(isOrigin)
  return (
    <li className={isOrigin ? 'origin' : undefined}>
      <div className="exc-frame-head">
        <button className="exc-frame-toggle" aria-expanded={open} onClick={() => setOpen(o => !o)}>
          <ChevronIcon size={10} className="exc-frame-chevron" />
          <span className="mono strong">{f.coName}</span>
          <span className="mono muted" title={`${f.path}:${f.line}`}>
            {' '}
            {baseName(f.path)}:{f.line}
          </span>
          {isOrigin && <span className="visually-hidden"> (raised here)</span>}
        </button>
        {f.nodeId !== undefined && (
          <button
            className="mini-link"
            aria-label={`Select the call of ${f.coName}`}
            onClick={() => props.onSelect(f.nodeId!)}
          >
            select
          </button>
        )}
        {f.fileId !== undefined && <OpenInEditorButton fileId={f.fileId} line={f.line} />}
      </div>
      {open &&
        (f.locals !== undefined ? (
          <ValueTree value={f.locals} asVariables openDepth={0} />
        ) : (
          <div className="muted small">No locals recorded.</div>
        ))}
    </li>
  )
}
