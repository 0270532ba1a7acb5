import {useMemo, useState} from 'react'
import {toCurl, toDjangoTestClient, toHttpie} from '../../../shared/insights/http-copy'
import {djangoClientInput, inboundSpec, outboundSpec} from '../../../shared/insights/request-spec'
import type {OutboundDetails, RequestDetails} from '../../../shared/model/node-details'
import {CodeBlock} from '../../components/code-block'
import {copyText} from '../../components/copy-button'

type Format = 'curl' | 'httpie' | 'django'

const labels: Record<Format, string> = {
  curl: 'curl',
  httpie: 'HTTPie',
  django: 'Django test client',
}

/**
 * Copy a request as curl, HTTPie or (inbound only) a Django test-client call. The command is
 * built as text and shown; nothing here runs it. An inbound request can be aimed at another
 * origin ("replay against"), since the recorded Host is often a dev server that is gone.
 */
export function CopyAs(props: {inbound?: RequestDetails; outbound?: OutboundDetails}) {
  const formats: Format[] = props.inbound ? ['curl', 'httpie', 'django'] : ['curl', 'httpie']
  const [format, setFormat] = useState<Format>('curl')
  const [origin, setOrigin] = useState('')
  const [copied, setCopied] = useState<Format>()
  const command = useMemo(() => {
    const o = origin.trim() || undefined
    if (props.inbound) {
      if (format === 'django') return toDjangoTestClient(djangoClientInput(props.inbound))
      const spec = inboundSpec(props.inbound, o)
      return format === 'curl' ? toCurl(spec) : toHttpie(spec)
    }
    const spec = outboundSpec(props.outbound!)
    return format === 'httpie' ? toHttpie(spec) : toCurl(spec)
  }, [props.inbound, props.outbound, format, origin])
  return (
    <div className="copy-as" data-testid="copy-as">
      <div className="copy-as-bar">
        <div className="segmented">
          {formats.map(f => (
            <button
              key={f}
              className={format === f ? 'active' : undefined}
              onClick={() => setFormat(f)}
              data-testid={`copy-format-${f}`}
            >
              {labels[f]}
            </button>
          ))}
        </div>
        <button
          className="button small-button"
          data-testid="copy-command"
          onClick={() => void copyText(command).then(() => setCopied(format))}
        >
          {copied === format ? 'Copied' : `Copy as ${labels[format]}`}
        </button>
        {props.inbound && format !== 'django' && (
          <label className="replay-origin">
            <span className="muted">replay against</span>
            <input
              className="text-input mono"
              placeholder="recorded host"
              value={origin}
              onChange={e => setOrigin(e.target.value)}
              spellCheck={false}
              data-testid="replay-origin"
            />
          </label>
        )}
      </div>
      <div data-testid="copy-command-text">
        <CodeBlock
          code={command}
          language={format === 'django' ? 'python' : 'text'}
          maxHeightPx={260}
        />
      </div>
    </div>
  )
}
