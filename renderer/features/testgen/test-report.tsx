import type {ReactNode} from 'react'
import type {
  ArrangedEntry,
  AssertEntry,
  MockEntry,
  SkippedEntry,
  TestGenReport,
} from '../../../shared/testgen/report'
import {formatCount} from '../../components/format'
import {Stat} from '../../components/insight-parts'
import {useSelectNode} from '../../state/trace-scope'

const schemaOrigins: Record<string, string> = {
  'kolo-schema': "Kolo's saved schema",
  source: "the project's models (source)",
  none: 'none found: tables are looked up by name at run time',
}

// Each assert's category; its text says what exactly ("status 200", "returns 4.5").
const assertLabels: Record<AssertEntry['kind'], string> = {
  status: 'response',
  redirect: 'response',
  json: 'JSON',
  content: 'content',
  template: 'template',
  text: 'contains',
  row: 'database',
  'row-deleted': 'database',
  count: 'database',
  'http-calls': 'HTTP',
  exception: 'exception',
  return: 'result',
}

/** The figures of a generated test, above its code: what it arranges, mocks, asserts, skips. */
export function ReportSummary(props: {report: TestGenReport}) {
  const r = props.report
  const placeholders = r.arranged.filter(a => a.placeholders.length > 0).length
  const inferred = r.arranged.filter(a => isInferred(a.source)).length
  const extra = [
    inferred > 0 && `${inferred} inferred`,
    placeholders > 0 && `${placeholders} with placeholders`,
  ]
    .filter(Boolean)
    .join(', ')
  return (
    <div className="insight-summary testgen-summary" data-testid="test-summary">
      <Stat
        label={r.arranged.length === 1 ? 'row arranged' : 'rows arranged'}
        value={formatCount(r.arranged.length)}
        extra={extra || undefined}
        testId="test-count-arranged"
      />
      <Stat
        label={r.mocks.length === 1 ? 'HTTP mock' : 'HTTP mocks'}
        value={formatCount(r.mocks.length)}
        testId="test-count-mocks"
      />
      <Stat
        label={r.asserts.length === 1 ? 'assert' : 'asserts'}
        value={formatCount(r.asserts.length)}
        testId="test-count-asserts"
      />
      <Stat
        label="not reproduced"
        value={formatCount(r.skipped.length)}
        testId="test-count-skipped"
      />
      {r.unresolvedTables.length > 0 && (
        <Stat
          label={r.unresolvedTables.length === 1 ? 'unresolved table' : 'unresolved tables'}
          value={formatCount(r.unresolvedTables.length)}
          tone="error"
        />
      )}
      {r.frozenAt !== undefined && (
        <span
          className="testgen-clock small"
          title="The test freezes the clock at the trace's time"
        >
          clock frozen at <span className="mono">{r.frozenAt}</span>
        </span>
      )}
    </div>
  )
}

/**
 * The report of a generated test: the rows it creates (and where their values came from), the
 * HTTP calls it mocks, what it asserts, and what it does not reproduce and why.
 */
export function TestReport(props: {report: TestGenReport}) {
  const r = props.report
  return (
    <div className="testgen-report-body">
      <table className="fact-table testgen-facts">
        <tbody>
          <tr>
            <th>Models from</th>
            <td>{schemaOrigins[r.schemaOrigin] ?? r.schemaOrigin}</td>
          </tr>
          <tr>
            <th>Clock</th>
            <td>
              {r.frozenAt !== undefined ? (
                <>
                  frozen at <span className="mono">{r.frozenAt}</span>
                </>
              ) : (
                <span className="muted">not frozen (nothing depends on it)</span>
              )}
            </td>
          </tr>
        </tbody>
      </table>
      <ReportSection title="Arranged" count={r.arranged.length} testId="test-arranged">
        {r.arranged.length === 0 ? (
          <Empty>No rows: the code read nothing from the database before it acted.</Empty>
        ) : (
          <ArrangedTable rows={r.arranged} />
        )}
      </ReportSection>
      <ReportSection title="Mocked HTTP" count={r.mocks.length} testId="test-mocks">
        {r.mocks.length === 0 ? (
          <Empty>No outbound HTTP calls to replace.</Empty>
        ) : (
          <MocksTable mocks={r.mocks} />
        )}
      </ReportSection>
      <ReportSection title="Asserts" count={r.asserts.length} testId="test-asserts">
        {r.asserts.length === 0 ? (
          <Empty>Nothing asserted.</Empty>
        ) : (
          <AssertsTable asserts={r.asserts} />
        )}
      </ReportSection>
      <ReportSection title="Not reproduced" count={r.skipped.length} testId="test-skipped">
        {r.skipped.length === 0 ? (
          <Empty>Everything the trace holds is in the test.</Empty>
        ) : (
          <SkippedList items={r.skipped} />
        )}
      </ReportSection>
      {r.unresolvedTables.length > 0 && (
        <ReportSection
          title="Unresolved tables"
          count={r.unresolvedTables.length}
          testId="test-unresolved"
        >
          <div className="testgen-note">
            No model class was found for these tables: the test looks each one up by its{' '}
            <span className="mono">db_table</span> at run time instead of guessing a name.
          </div>
          <ul className="testgen-tables mono">
            {r.unresolvedTables.map(t => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </ReportSection>
      )}
    </div>
  )
}

function ReportSection(props: {title: string; count: number; testId: string; children: ReactNode}) {
  return (
    <section className="testgen-section" data-testid={props.testId}>
      <h3 className="insight-section-title testgen-section-title">
        {props.title} <span className="pane-count">{formatCount(props.count)}</span>
      </h3>
      {props.children}
    </section>
  )
}

function Empty(props: {children: ReactNode}) {
  return <div className="testgen-empty muted small">{props.children}</div>
}

/** "SELECT #12": the node the values were read at, when the source names one. */
function sourceNode(source: string): {verb: string; nodeId: number; rest: string} | undefined {
  const m = /^(SELECT|INSERT|UPDATE|DELETE) #(\d+)(.*)$/.exec(source)
  return m ? {verb: m[1]!, nodeId: Number(m[2]), rest: m[3]!} : undefined
}

function isInferred(source: string): boolean {
  return sourceNode(source) === undefined
}

function ArrangedTable(props: {rows: ArrangedEntry[]}) {
  const selectNode = useSelectNode()
  return (
    <table className="testgen-table" data-testid="test-arranged-rows">
      <thead>
        <tr>
          <th scope="col" className="shrink">
            Variable
          </th>
          <th scope="col" className="shrink">
            Model
          </th>
          <th scope="col" className="shrink num">
            pk
          </th>
          <th scope="col">Values from</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map(a => {
          const at = sourceNode(a.source)
          return (
            <tr key={`${a.table}:${a.pk}`} data-testid="test-arranged-row">
              <td className="mono strong shrink">{a.variable}</td>
              <td className="shrink">
                <span className="mono">{a.model}</span>{' '}
                {a.model !== a.table && <span className="mono muted">{a.table}</span>}
              </td>
              <td className="mono num shrink">{a.pk}</td>
              <td className="testgen-source">
                {at ? (
                  <button
                    className="link-button mono"
                    title="Show this query in the details pane"
                    onClick={() => selectNode(at.nodeId)}
                  >
                    {at.verb} #{at.nodeId}
                  </button>
                ) : (
                  <>
                    <span className="testgen-tag inferred">inferred</span>{' '}
                    <span className="muted">{a.source.replace(/^inferred(:\s*|\s+)/, '')}</span>
                  </>
                )}
                {at?.rest && <span className="muted">{at.rest}</span>}
                {a.placeholders.length > 0 && (
                  <div className="testgen-placeholders">
                    <span className="testgen-tag placeholder">placeholder</span>{' '}
                    <span className="mono">{a.placeholders.join(', ')}</span>
                  </div>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function MocksTable(props: {mocks: MockEntry[]}) {
  return (
    <table className="testgen-table">
      <thead>
        <tr>
          <th scope="col" className="shrink">
            Library
          </th>
          <th scope="col">Call</th>
          <th scope="col" className="num">
            Answers
          </th>
        </tr>
      </thead>
      <tbody>
        {props.mocks.map((m, i) => (
          <tr key={i} data-testid="test-mock-row">
            <td className="mono shrink">{m.library}</td>
            <td className="testgen-wrap">
              <span className="http-method">{m.method}</span> <span className="mono">{m.url}</span>
              {m.note !== undefined && <div className="muted small">{m.note}</div>}
            </td>
            <td className="mono num">{m.status ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function AssertsTable(props: {asserts: AssertEntry[]}) {
  return (
    <table className="testgen-table">
      <tbody>
        {props.asserts.map((a, i) => (
          <tr key={i} data-testid="test-assert-row">
            <td className="testgen-kind-cell">
              <span className={`testgen-tag assert-${a.kind}`}>{assertLabels[a.kind]}</span>
            </td>
            <td className="mono testgen-wrap">{a.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function SkippedList(props: {items: SkippedEntry[]}) {
  return (
    <ul className="testgen-skipped">
      {props.items.map((s, i) => (
        <li key={i} data-testid="test-skipped-item">
          <div className="testgen-skipped-what">{s.what}</div>
          <div className="muted small">{s.reason}</div>
        </li>
      ))}
    </ul>
  )
}
