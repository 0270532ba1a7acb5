import {useEffect, useState} from 'react'
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

/** An icon button that copies the link to one trace ("Copy link" on trace rows and the header). */
export function TraceLinkButton(props: {traceId: string; className?: string}) {
  const link = useTraceLink(props.traceId)
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const id = setTimeout(() => setCopied(false), 1200)
    return () => clearTimeout(id)
  }, [copied])
  if (link === undefined) return null
  return (
    <button
      className={`icon-button ${props.className ?? ''}`}
      title={copied ? 'Link copied' : `Copy link to this trace\n${link}`}
      aria-label="Copy link to this trace"
      data-testid="copy-trace-link"
      data-link={link}
      onClick={e => {
        e.stopPropagation()
        void copyText(link).then(() => setCopied(true))
      }}
    >
      {copied ? <CheckIcon size={12} /> : <LinkIcon size={12} />}
    </button>
  )
}
