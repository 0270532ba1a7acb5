import '../../components/insights.css'
import './http.css'
import {useCallback, useMemo, useState} from 'react'
import type {TestInsight, TraceInsights} from '../../../shared/insights/trace-insights'
import type {TraceModel} from '../../../shared/model/trace-model'
import {formatCount, formatDurationNs} from '../../components/format'
import {toggled} from '../../components/toggled'
import {useSelectedNode, useSelectNode} from '../../state/trace-scope'
import {Stat, WithInsights} from '../../components/insight-parts'
import {EditorStatusLine, JumpLinks} from '../../components/node-jumps'
import {VirtualList} from '../../components/virtual-list'
import {OutboundItem} from './outbound-item'
import {RequestItem} from './request-item'

type Item =
  | {type: 'heading'; text: string; aside?: string}
  | {type: 'test'; test: TestInsight}
  | {type: 'request'; index: number; nested: boolean}
  | {type: 'outbound'; index: number}

/** The HTTP panel: inbound requests (grouped under their test), then outbound calls. */
export function HttpPanel() {
  return (
    <WithInsights
      render={(model, insights) => <HttpPanelBody model={model} insights={insights} />}
    />
  )
}

function HttpPanelBody(props: {model: TraceModel; insights: TraceInsights}) {
  const {model, insights} = props
  const {requests, outbound, tests, exceptions} = insights
  const selectedNodeId = useSelectedNode()
  const selectNode = useSelectNode()
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => {
    const ids = [...requests, ...outbound].map(r => r.nodeId)
    const first =
      selectedNodeId !== undefined && ids.includes(selectedNodeId) ? selectedNodeId : ids[0]
    return new Set(first === undefined ? [] : [first])
  })
  const toggle = useCallback(
    (nodeId: number) => {
      setExpanded(prev => toggled(prev, nodeId))
      selectNode(nodeId)
    },
    [selectNode],
  )
  const exceptionOf = useMemo(
    () =>
      new Map(
        exceptions.filter(e => e.requestNodeId !== undefined).map(e => [e.requestNodeId!, e]),
      ),
    [exceptions],
  )
  const items = useMemo((): Item[] => {
    const out: Item[] = []
    const byTest = new Map<number, number[]>()
    requests.forEach((r, i) => {
      if (r.testNodeId === undefined) return
      byTest.set(r.testNodeId, [...(byTest.get(r.testNodeId) ?? []), i])
    })
    if (tests.length > 0) {
      out.push({type: 'heading', text: 'Tests', aside: `${tests.length}`})
      for (const test of tests) {
        out.push({type: 'test', test})
        for (const index of byTest.get(test.nodeId) ?? []) {
          out.push({type: 'request', index, nested: true})
        }
      }
    }
    const loose = requests
      .map((r, index) => ({r, index}))
      .filter(({r}) => r.testNodeId === undefined)
    if (loose.length > 0 || tests.length === 0) {
      out.push({type: 'heading', text: 'Inbound requests', aside: `${loose.length}`})
      for (const {index} of loose) out.push({type: 'request', index, nested: false})
    }
    out.push({type: 'heading', text: 'Outbound calls', aside: `${outbound.length}`})
    outbound.forEach((_, index) => out.push({type: 'outbound', index}))
    return out
  }, [requests, outbound, tests])

  const render = (item: Item) => {
    switch (item.type) {
      case 'heading':
        return (
          <div className="insight-section-title">
            {item.text} <span className="faint">{item.aside}</span>
          </div>
        )
      case 'test':
        return <TestRow test={item.test} model={model} />
      case 'request': {
        const r = requests[item.index]!
        return (
          <RequestItem
            request={r}
            exception={exceptionOf.get(r.nodeId)}
            nested={item.nested}
            expanded={expanded.has(r.nodeId)}
            selected={selectedNodeId === r.nodeId}
            onToggle={toggle}
          />
        )
      }
      case 'outbound': {
        const c = outbound[item.index]!
        return (
          <OutboundItem
            call={c}
            durationNs={model.endNs[c.nodeId]! - model.startNs[c.nodeId]!}
            expanded={expanded.has(c.nodeId)}
            selected={selectedNodeId === c.nodeId}
            onToggle={toggle}
          />
        )
      }
    }
  }

  const failed = requests.filter(r => (r.status ?? 0) >= 400).length
  return (
    <div className="insight-panel http-panel" data-testid="http-panel">
      <div className="insight-summary">
        <Stat label="inbound" value={formatCount(requests.length)} testId="http-inbound-count" />
        <Stat label="outbound" value={formatCount(outbound.length)} testId="http-outbound-count" />
        {tests.length > 0 && (
          <Stat label={tests.length === 1 ? 'test' : 'tests'} value={formatCount(tests.length)} />
        )}
        {failed > 0 && <Stat label="failed" value={formatCount(failed)} tone="error" />}
      </div>
      <VirtualList
        items={items}
        itemKey={(item, i) =>
          item.type === 'request'
            ? `r${requests[item.index]!.nodeId}`
            : item.type === 'outbound'
              ? `o${outbound[item.index]!.nodeId}`
              : item.type === 'test'
                ? `t${item.test.nodeId}`
                : `h${i}`
        }
        estimatePx={item => (item.type === 'heading' ? 34 : 30)}
        render={render}
        testId="http-list"
        empty={<div className="pane-empty">No HTTP in this trace.</div>}
      />
      <EditorStatusLine />
    </div>
  )
}

function TestRow(props: {test: TestInsight; model: TraceModel}) {
  const {test, model} = props
  const ns = model.endNs[test.nodeId]! - model.startNs[test.nodeId]!
  return (
    <div className="http-test" data-testid="http-test">
      <span className="http-dir test">TEST</span>
      <span className="insight-grow">
        <span className="mono strong" data-testid="test-name">
          {test.testName}
        </span>
        {test.testClass !== undefined && (
          <span className="muted" data-testid="test-class">
            {' '}
            in {test.testClass}
          </span>
        )}
      </span>
      <span className="faint small">
        {test.requestNodeIds.length} {test.requestNodeIds.length === 1 ? 'request' : 'requests'}
      </span>
      <span className="sql-ms mono">{formatDurationNs(ns)}</span>
      <JumpLinks nodeId={test.nodeId} />
    </div>
  )
}
