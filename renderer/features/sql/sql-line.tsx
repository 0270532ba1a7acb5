import hljs from 'highlight.js/lib/core'
import sql from 'highlight.js/lib/languages/sql'
import {memo, useMemo} from 'react'
import {shortSql} from './sql-rows-model'

if (!hljs.getLanguage('sql')) hljs.registerLanguage('sql', sql)

/**
 * One line of SQL, shortened and highlighted. highlight.js escapes the text it is given, which is
 * what makes its HTML safe to insert (queries are trace content, hostile input).
 */
export const SqlLine = memo(function SqlLine(props: {sql: string; maxChars?: number}) {
  const html = useMemo(
    () =>
      hljs.highlight(shortSql(props.sql, props.maxChars), {language: 'sql', ignoreIllegals: true})
        .value,
    [props.sql, props.maxChars],
  )
  return <code className="sql-line mono" dangerouslySetInnerHTML={{__html: html}} />
})
