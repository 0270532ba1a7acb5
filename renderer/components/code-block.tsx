import './code-block.css'
import hljs from 'highlight.js/lib/core'
import json from 'highlight.js/lib/languages/json'
import python from 'highlight.js/lib/languages/python'
import sql from 'highlight.js/lib/languages/sql'
import xml from 'highlight.js/lib/languages/xml'
import {useMemo} from 'react'
import {CopyButton} from './copy-button'

hljs.registerLanguage('json', json)
hljs.registerLanguage('python', python)
hljs.registerLanguage('sql', sql)
hljs.registerLanguage('xml', xml)

/** Languages the code block highlights. */
export type CodeLanguage = 'json' | 'python' | 'sql' | 'xml' | 'text'

// Past this size highlighting costs more than it helps; the text is shown plain.
const maxHighlightChars = 200_000

/**
 * A block of code, highlighted by highlight.js (bundled) with a copy button.
 *
 * highlight.js escapes the text it is given, which is what makes its HTML safe to insert:
 * trace content is hostile input, and nothing else here goes through innerHTML.
 */
export function CodeBlock(props: {code: string; language: CodeLanguage; maxHeightPx?: number}) {
  const {code, language} = props
  const html = useMemo(
    () =>
      language === 'text' || code.length > maxHighlightChars
        ? undefined
        : hljs.highlight(code, {language, ignoreIllegals: true}).value,
    [code, language],
  )
  return (
    <div className="code-block">
      <div className="code-copy">
        <CopyButton text={() => code} />
      </div>
      {html === undefined ? (
        <pre style={{maxHeight: props.maxHeightPx}}>{code}</pre>
      ) : (
        <pre style={{maxHeight: props.maxHeightPx}} dangerouslySetInnerHTML={{__html: html}} />
      )}
    </div>
  )
}
