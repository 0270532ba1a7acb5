import type {FrameDetails} from '../../../shared/model/node-details'
import {FactTable, Section, ValueSection} from '../../components/detail-parts'

/** A Python call: where it is, its arguments, its locals at return, and what it returned. */
export function FrameDetailsView(props: {details: FrameDetails; onOpenFrame?: () => void}) {
  const d = props.details
  return (
    <>
      {(d.qualname !== undefined && d.qualname !== d.name) || d.returnLine !== undefined ? (
        <Section title="Function">
          <FactTable
            rows={[
              ['Qualname', d.qualname !== undefined && <span className="mono">{d.qualname}</span>],
              ['Code name', d.coName !== d.qualname && <span className="mono">{d.coName}</span>],
              [
                'Returned at',
                d.returnLine !== undefined && <span className="mono">line {d.returnLine}</span>,
              ],
            ]}
          />
        </Section>
      ) : undefined}
      {d.exceptionMessage !== undefined && (
        <Section title="Exception">
          <div className="exception-message mono">{d.exceptionMessage}</div>
        </Section>
      )}
      <ValueSection title="Arguments" value={d.args} asVariables />
      <ValueSection title="Return value" value={d.returnValue} openDepth={1} />
      <ValueSection title="Raised" value={d.raised} />
      <ValueSection title="Locals at return" value={d.locals} asVariables />
    </>
  )
}
