import type {
  JobDetails,
  LogDetails,
  OtherDetails,
  TemplateDetails,
  TestDetails,
} from '../../../shared/model/node-details'
import {formatPy} from '../../../shared/values/py-format'
import {textOf} from '../../../shared/values/py-value'
import {FactTable, Section, ValueSection} from './parts'

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

/** A template render: its name and context. */
export function TemplateDetailsView(props: {details: TemplateDetails}) {
  const d = props.details
  return (
    <>
      <Section title="Template">
        <FactTable rows={[['Name', <span className="mono">{d.template ?? d.name}</span>]]} />
      </Section>
      <ValueSection title="Context" value={d.context} asVariables />
      <ValueSection
        title="Context after render"
        value={d.returnContext}
        asVariables
        defaultOpen={false}
      />
    </>
  )
}

/** A test case. */
export function TestDetailsView(props: {details: TestDetails}) {
  const d = props.details
  return (
    <Section title="Test">
      <FactTable
        rows={[
          ['Test', <span className="mono">{d.testName}</span>],
          ['Class', d.testClass !== undefined && <span className="mono">{d.testClass}</span>],
        ]}
      />
    </Section>
  )
}

/** A background job. */
export function JobDetailsView(props: {details: JobDetails}) {
  const d = props.details
  return (
    <>
      <Section title="Job">
        <FactTable
          rows={[
            ['Job', <span className="mono">{d.jobName}</span>],
            ['Library', d.library !== undefined && d.library],
          ]}
        />
      </Section>
      <ValueSection title="Arguments" value={d.args} />
      <ValueSection title="Keyword arguments" value={d.kwargs} asVariables />
    </>
  )
}

/** Any other node: its recorded fields. */
export function OtherDetailsView(props: {details: OtherDetails}) {
  return (
    <>
      {props.details.fields.map(([name, value]) => (
        <ValueSection key={name} title={name} value={value} />
      ))}
    </>
  )
}
