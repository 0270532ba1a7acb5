import {headerOf, pairsOf} from '../../../shared/insights/request-spec'
import type {PyValue} from '../../../shared/values/py-value'
import {BodyView} from '../../components/detail-parts'
import {HtmlBody} from './html-preview'

/** Whether a body is an HTML document: by its content type, else by its first tag. */
export function isHtml(text: string, headers: PyValue | undefined): boolean {
  const type = headerOf(pairsOf(headers), 'content-type')
  if (type !== undefined) return /\btext\/html\b|application\/xhtml/i.test(type)
  return /^\s*(<!doctype html|<html[\s>])/i.test(text)
}

/** A request or response body: JSON pretty-printed, HTML as source and preview, else text. */
export function HttpBody(props: {value: PyValue | undefined; headers: PyValue | undefined}) {
  const {value} = props
  if (value?.t === 'str' && value.v.length > 0 && isHtml(value.v, props.headers)) {
    return (
      <>
        {value.cut !== undefined && (
          <div className="muted small">
            Recorded body cut to {value.v.length} of {value.cut} characters.
          </div>
        )}
        <HtmlBody html={value.v} />
      </>
    )
  }
  return <BodyView value={value} />
}
