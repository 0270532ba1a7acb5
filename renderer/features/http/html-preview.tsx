import {useMemo, useState} from 'react'
import {CodeBlock} from '../../components/code-block'

/**
 * The policy written into every preview document: nothing loads, nothing runs. The iframe's
 * `sandbox=""` already blocks scripts, forms, popups and top navigation and gives the document an
 * opaque origin; this stops images, fonts, styles sheets and frames from reaching the network.
 */
export const previewCsp = "default-src 'none'; style-src 'unsafe-inline'"

/**
 * The srcdoc of a preview: our doctype and CSP meta first, so the policy is in force before any of
 * the recorded markup is parsed (a meta after an element in the body would be ignored).
 */
export function previewDocument(html: string): string {
  return `<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="${previewCsp}">${html}`
}

/** An HTML body, as highlighted source or as a sandboxed preview without scripts or network. */
export function HtmlBody(props: {html: string}) {
  const [mode, setMode] = useState<'source' | 'preview'>('source')
  const doc = useMemo(() => previewDocument(props.html), [props.html])
  return (
    <div className="html-body">
      <div className="segmented small-seg">
        <button
          className={mode === 'source' ? 'active' : undefined}
          onClick={() => setMode('source')}
        >
          Source
        </button>
        <button
          className={mode === 'preview' ? 'active' : undefined}
          onClick={() => setMode('preview')}
          data-testid="html-preview-button"
        >
          Preview
        </button>
        <span className="seg-note muted small">
          {mode === 'preview' ? 'sandboxed: no scripts, no network' : ''}
        </span>
      </div>
      {mode === 'source' ? (
        <CodeBlock code={props.html} language="xml" maxHeightPx={420} />
      ) : (
        <iframe
          className="html-preview"
          title="Response preview"
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={doc}
          data-testid="html-preview"
        />
      )}
    </div>
  )
}
