import {useEffect, useState} from 'react'
import type {MouseEvent} from 'react'
import {copyText} from './copy-button'
import {formatKoloLink} from './kolo-link'
import {useAppStore} from '../state/use-app-store'
import {CheckIcon, LinkIcon} from './icons'

/** The kolo-explorer:// link of a trace (and frame) of the shown project, if its path is known. */
export function useTraceLink(traceId: string | undefined, frameId?: string): string | undefined {
  const projectPath = useAppStore(s => s.projects.find(p => p.id === s.selectedProjectId)?.path)
  if (projectPath === undefined || traceId === undefined) return undefined
  return formatKoloLink(projectPath, traceId, frameId)
}

/**
 * An icon button that copies the link to one trace ("Copy link" on trace rows and the header).
 *
 * `pointerOnly`: a trace row's copy, for the mouse. A row is one option of a list box, which
 * may hold no control of its own; keyboard and screen reader users copy the selected trace's
 * link with the header's button.
 */
export function TraceLinkButton(props: {
  traceId: string
  className?: string
  pointerOnly?: boolean
}) {
  const link = useTraceLink(props.traceId)
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const id = setTimeout(() => setCopied(false), 1200)
    return () => clearTimeout(id)
  }, [copied])
  if (link === undefined) return null
  const common = {
    className: `icon-button ${props.className ?? ''}`,
    title: copied ? 'Link copied' : `Copy link to this trace\n${link}`,
    'data-testid': 'copy-trace-link',
    'data-link': link,
    onClick: (e: MouseEvent) => {
      e.stopPropagation()
      void copyText(link).then(() => setCopied(true))
    },
  }
  const icon = copied ? <CheckIcon size={12} /> : <LinkIcon size={12} />
  if (props.pointerOnly) {
    return (
      <span {...common} aria-hidden="true">
        {icon}
      </span>
    )
  }
  return (
    <button {...common} aria-label="Copy link to this trace">
      {icon}
    </button>
  )
}
