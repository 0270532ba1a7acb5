import {useEffect, useState} from 'react'
import {CheckIcon, CopyIcon} from './icons'

/** Put text on the clipboard; falls back to a hidden textarea where the async API is refused. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text)
    return
  } catch {
    // Plain-HTTP origins other than localhost have no async clipboard; execCommand still works.
  }
  const area = document.createElement('textarea')
  area.value = text
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.append(area)
  area.select()
  document.execCommand('copy')
  area.remove()
}

/** A small button that copies `text()` and shows a tick for a moment. */
export function CopyButton(props: {text: () => string; title?: string}) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const id = setTimeout(() => setCopied(false), 1200)
    return () => clearTimeout(id)
  }, [copied])
  return (
    <button
      className="icon-button copy-button"
      title={props.title ?? 'Copy'}
      aria-label={props.title ?? 'Copy'}
      onClick={e => {
        e.stopPropagation()
        void copyText(props.text()).then(() => setCopied(true))
      }}
    >
      {copied ? <CheckIcon size={12} /> : <CopyIcon size={12} />}
    </button>
  )
}
