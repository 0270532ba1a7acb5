import './log-details.css'
import type {LogDetails} from '../../../shared/model/node-details'
import {formatPy} from '../../../shared/values/py-format'
import {textOf} from '../../../shared/values/py-value'
import {FactTable, Section, ValueSection} from '../../components/detail-parts'

/** A log record: level, logger, message and its arguments. */
export function LogDetailsView(props: {details: LogDetails}) {
  const d = props.details
  const level = d.level.toUpperCase()
  const levelClass = /ERROR|CRITICAL|FATAL/.test(level)
    ? 'error'
    : level === 'WARNING'
      ? 'warn'
      : ''
  return (
    <>
      <Section title="Log" copy={() => textOf(d.msg) ?? formatPy(d.msg)}>
        <FactTable
          rows={[
            ['Level', <span className={`level-badge ${levelClass}`}>{level}</span>],
            ['Logger', <span className="mono">{d.logger}</span>],
          ]}
        />
        <div className="log-message mono">{textOf(d.msg) ?? formatPy(d.msg)}</div>
      </Section>
      <ValueSection title="Arguments" value={d.args} />
      <ValueSection title="Extra" value={d.extra} asVariables />
      <ValueSection title="Traceback" value={d.traceback} />
      <ValueSection title="Stack" value={d.stack} defaultOpen={false} />
    </>
  )
}
