import {useEffect, useState} from 'react'
import type {SiteRef} from '../../shared/insights/trace-insights'
import {NodeKind} from '../../shared/model/node-kind'
import {useModel} from '../state/trace-hooks'
import {useSelectNode, useTraceRef} from '../state/trace-scope'
import {useAppStore} from '../state/use-app-store'
import type {ViewName} from '../state/view-names'
import {baseName} from './format'
import {useLaunchStatus, useOpenInEditor} from './open-in-editor'

/** Select a node and show it in a view (tree, flame chart or frame view). */
export function useJump(): (nodeId: number, view: ViewName) => void {
  const selectNode = useSelectNode()
  const setActiveView = useAppStore(s => s.setActiveView)
  return (nodeId, view) => {
    selectNode(nodeId)
    setActiveView(view)
  }
}

/** Links from a panel row back to the tree, the flame chart and (for a frame) the frame view. */
export function JumpLinks(props: {nodeId: number; frameNodeId?: number}) {
  const jump = useJump()
  const model = useModel(useTraceRef())
  const frame = props.frameNodeId
  const isFrame = frame !== undefined && model?.kind[frame] === NodeKind.frame
  return (
    <span className="jump-links" onClick={e => e.stopPropagation()}>
      <button
        className="mini-link"
        title="Show in the call tree"
        onClick={() => jump(props.nodeId, 'tree')}
      >
        tree
      </button>
      <button
        className="mini-link"
        title="Show in the flame chart"
        onClick={() => jump(props.nodeId, 'flame')}
      >
        flame
      </button>
      {isFrame && (
        <button
          className="mini-link"
          title="Show the calling frame's code and data"
          data-testid="jump-frame"
          onClick={() => jump(frame, 'frame')}
        >
          frame
        </button>
      )}
    </span>
  )
}

/** Where a site is, as "views.py:14" (the full path in the tooltip). */
export function siteText(site: SiteRef, full = false): string {
  const file = site.file ?? '?'
  return `${full ? file : baseName(file)}:${site.line}`
}

/**
 * A user-code call site: file:line opens it in the editor (when the file is in the trace's file
 * table), and "frame" jumps to the calling frame's view.
 */
export function SiteLink(props: {site: SiteRef; full?: boolean; withFrame?: boolean}) {
  const {site} = props
  const open = useOpenInEditor()
  const jump = useJump()
  const title = `${site.name ? `${site.name}\n` : ''}${siteText(site, true)}${
    site.fileId !== undefined ? '\nClick to open in your editor' : ''
  }`
  return (
    <span className="site-link-wrap" onClick={e => e.stopPropagation()}>
      {site.fileId !== undefined ? (
        <button
          className="site-link mono"
          title={title}
          data-testid="call-site"
          onClick={() => open({fileId: site.fileId!, line: site.line})}
        >
          {siteText(site, props.full)}
        </button>
      ) : (
        <span className="site-link mono plain" title={title} data-testid="call-site">
          {siteText(site, props.full)}
        </span>
      )}
      {props.withFrame !== false && site.nodeId !== undefined && (
        <button
          className="mini-link"
          title="Show this frame's code and data"
          onClick={() => jump(site.nodeId!, 'frame')}
        >
          frame
        </button>
      )}
    </span>
  )
}

/** The outcome of the last open-in-editor, as a small line at the bottom of a panel, for a while. */
export function EditorStatusLine() {
  const status = useLaunchStatus()
  const [hidden, setHidden] = useState<object>()
  useEffect(() => {
    if (status.state === 'idle' || status.state === 'busy') return
    const id = setTimeout(() => setHidden(status), 8000)
    return () => clearTimeout(id)
  }, [status])
  if (status.state === 'idle' || hidden === status) return null
  return (
    <div
      className={`editor-status ${status.state === 'failed' ? 'failed' : ''}`}
      data-testid="editor-status"
    >
      {status.state === 'busy' ? 'Opening in your editor…' : status.text}
    </div>
  )
}
