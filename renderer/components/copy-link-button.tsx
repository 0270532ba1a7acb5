import {useEffect, useState} from 'react'
import {copyText} from './copy-button'

/** Copies a kolo-explorer:// link to this execution. */
export function CopyLinkButton(props: {link: string}) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const id = setTimeout(() => setCopied(false), 1500)
    return () => clearTimeout(id)
  }, [copied])
  return (
    <button
      className="link-button"
      title={props.link}
      onClick={() => void copyText(props.link).then(() => setCopied(true))}
    >
      {copied ? 'Link copied' : 'Copy link'}
    </button>
  )
}
