import type {LogDetails} from '../../../shared/model/node-details'
import {formatPy} from '../../../shared/values/py-format'
import {textOf} from '../../../shared/values/py-value'
import type {PyValue} from '../../../shared/values/py-value'
import {FactTable, ValueSection} from '../../components/detail-parts'

const present = (v: PyValue | undefined): v is PyValue =>
  v !== undefined && v.t !== 'none' && !(v.t === 'dict' && v.entries.length === 0)

/** A log record opened: the message as logged, its template and arguments, then what else came. */
export function LogBody(props: {details: LogDetails; message: string}) {
  const d = props.details
  const template = textOf(d.msg) ?? formatPy(d.msg)
  return (
    <div className="log-body" data-testid="log-body">
      <div className="log-full-message mono">{props.message}</div>
      <FactTable
        rows={[
          ['Logger', <span className="mono">{d.logger}</span>],
          ['Level', <span className="mono">{d.level}</span>],
          ['Template', template !== props.message && <span className="mono">{template}</span>],
          ['Arguments', present(d.args) && <span className="mono">{formatPy(d.args)}</span>],
        ]}
      />
      {present(d.extra) && <ValueSection title="Extra" value={d.extra} asVariables />}
      {present(d.traceback) && <ValueSection title="Traceback" value={d.traceback} />}
      {present(d.stack) && <ValueSection title="Stack" value={d.stack} defaultOpen={false} />}
    </div>
  )
}
