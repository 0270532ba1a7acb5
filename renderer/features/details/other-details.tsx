import type {JobDetails, OtherDetails, TestDetails} from '../../../shared/model/node-details'
import {FactTable, Section, ValueSection} from '../../components/detail-parts'

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
