import type {ReactNode} from 'react'
import type {LineMark} from './code-lines'
import {CodeLines} from './code-lines'
import {SourceBox} from './source-box'

/** A few lines of a file around `line`, with that line marked; clicking it calls `onClick`. */
export function Excerpt(props: {
  fileId: number
  line: number
  mark?: LineMark
  before?: number
  after?: number
  compact?: boolean
  onClick?: () => void
  annotate?: (line: number) => ReactNode
  testId?: string
}) {
  const {fileId, line} = props
  const before = props.before ?? 2
  const after = props.after ?? 2
  return (
    <SourceBox fileId={fileId} compact={props.compact}>
      {file => (
        <div
          className={`excerpt${props.onClick ? ' clickable' : ''}`}
          data-testid={props.testId}
          onClick={props.onClick}
        >
          <CodeLines
            file={file}
            from={line - before}
            to={line + after}
            marks={new Map([[line, props.mark ?? 'at']])}
            after={props.annotate}
          />
        </div>
      )}
    </SourceBox>
  )
}
