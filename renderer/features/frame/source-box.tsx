import {useState} from 'react'
import type {ReactNode} from 'react'
import type {SourceFile} from '../../../shared/api/source-contract'
import {PathMappingForm} from '../../components/path-mapping-form'
import {useSource} from '../../state/trace-hooks'
import {useTraceRef} from '../../state/trace-scope'

/**
 * A file of the trace in view by id: `children(file)` once its text is here, else why not
 * (loading, not found with a mapping form, too large, unreadable). `compact`: a one-line notice
 * whose mapping form opens on demand (for the many small excerpts of the call chain).
 */
export function SourceBox(props: {
  fileId: number
  compact?: boolean
  children: (file: SourceFile) => ReactNode
}) {
  const status = useSource(useTraceRef(), props.fileId)
  if (props.fileId < 0) return <div className="source-note muted">No source file recorded.</div>
  if (status.state === 'idle' || status.state === 'loading') {
    return <div className="source-note muted">Loading source…</div>
  }
  if (status.state === 'failed') {
    return <div className="source-note error-text">Could not read the source: {status.message}</div>
  }
  const file = status.value
  if (file.status === 'ok') return <>{props.children(file)}</>
  if (file.status === 'not-found') return <NotFound file={file} compact={props.compact} />
  return (
    <div className="source-note muted" data-testid="source-unavailable">
      <span className="mono">{file.recordedPath}</span>{' '}
      {file.status === 'too-large'
        ? `is too large to show (${Math.round((file.sizeBytes ?? 0) / 1024)} KiB).`
        : 'could not be read.'}
    </div>
  )
}

function NotFound(props: {file: SourceFile; compact?: boolean}) {
  const {file} = props
  const [open, setOpen] = useState(!props.compact)
  return (
    <div
      className={`source-missing${props.compact ? ' compact' : ''}`}
      data-testid="source-not-found"
    >
      <div className="source-missing-head">
        <strong>Source not found:</strong> <span className="mono">{file.recordedPath}</span>
        {props.compact && !open && (
          <button className="link-button" onClick={() => setOpen(true)}>
            Add a path mapping…
          </button>
        )}
      </div>
      {open && (
        <>
          {file.tried !== undefined && file.tried.length > 0 && (
            <div className="source-tried muted">
              Looked for{' '}
              {file.tried.map((p, i) => (
                <span key={p}>
                  {i > 0 && ', '}
                  <span className="mono">{p}</span>
                </span>
              ))}
              .
            </div>
          )}
          <MappingForm file={file} />
        </>
      )}
    </div>
  )
}

/** A guess at a prefix to map when the service found no suggestion: the path's folder. */
function defaultFrom(file: SourceFile): string {
  const p = file.recordedPath.replace(/\\/g, '/')
  // Library code: everything up to the packages folder, so one mapping serves every library.
  const packages = /^.*?\/(?:site|dist)-packages\//.exec(p)
  if (packages) return packages[0]
  const slash = p.lastIndexOf('/')
  return slash > 0 ? p.slice(0, slash + 1) : ''
}

/** Add a path mapping (prefix -> local folder), prefilled with the service's suggestion. */
function MappingForm(props: {file: SourceFile}) {
  const projectId = useTraceRef()?.projectId
  const {suggestion} = props.file
  return (
    <PathMappingForm
      projectId={projectId}
      initial={{from: suggestion?.from ?? defaultFrom(props.file), to: suggestion?.to ?? ''}}
      hint={
        suggestion
          ? 'A file with the same path exists elsewhere. Map the recorded prefix to it:'
          : 'Traced in Docker or on another machine? Map the recorded prefix to a local folder:'
      }
    />
  )
}
