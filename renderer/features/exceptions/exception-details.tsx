import './exception-details.css'
import type {ExceptionDetails} from '../../../shared/model/node-details'
import {CodeBlock} from '../../components/code-block'
import {baseName} from '../../components/format'
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
              <li key={i} className={i === d.frames.length - 1 ? 'origin' : undefined}>
                <details open={i === d.frames.length - 1}>
                  <summary>
                    <NodeLink nodeId={f.nodeId} onSelect={props.onSelect}>
                      <span className="mono strong">{f.coName}</span>
                    </NodeLink>
                    <span className="mono muted" title={`${f.path}:${f.line}`}>
                      {' '}
                      {baseName(f.path)}:{f.line}
                    </span>
                    {f.fileId !== undefined && (
                      <OpenInEditorButton fileId={f.fileId} line={f.line} />
                    )}
                  </summary>
                  {f.locals !== undefined ? (
                    <ValueTree value={f.locals} asVariables openDepth={0} />
                  ) : (
                    <div className="muted small">No locals recorded.</div>
                  )}
                </details>
              </li>
            ))}
          </ol>
        </Section>
      )}
    </>
  )
}
