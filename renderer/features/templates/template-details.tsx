import type {TemplateDetails} from '../../../shared/model/node-details'
import {FactTable, Section, ValueSection} from '../../components/detail-parts'

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
