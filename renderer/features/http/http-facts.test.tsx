// @vitest-environment jsdom
import {cleanup, render} from '@testing-library/react'
import {afterEach, describe, expect, it} from 'vitest'
import type {OutboundDetails, RequestDetails} from '../../../shared/model/node-details'
import {py} from '../../../shared/values/py-value'
import {FactTable} from '../../components/detail-parts'
import {
  allParts,
  hasEntries,
  outboundFacts,
  requestFacts,
  requestPart,
  responsePart,
} from './http-facts'
import type {Fact} from './http-facts'

afterEach(cleanup)

const base = {nodeId: 0, name: 'x', startNs: 0, endNs: 1}
const request: RequestDetails = {
  ...base,
  kind: 'request',
  method: 'POST',
  path: '/import/',
  scheme: 'http',
  headers: py.dict([]),
  response: {
    status: 500,
    headers: py.dict([]),
    durationMs: 94.9,
    urlPattern: py.dict([
      [py.str('route'), py.str('import/')],
      [py.str('view_qualname'), py.str('shelf.views.import_isbn')],
    ]),
  },
}
const outbound: OutboundDetails = {
  ...base,
  kind: 'outbound',
  method: 'GET',
  url: 'http://127.0.0.1:18767/isbn/0',
  library: 'urllib',
  headers: py.dict([]),
  response: {status: 404, headers: py.dict([])},
}

/** The table as its reader sees it: name and text of each row shown. */
function shown(facts: Fact[]): string[][] {
  const {container} = render(<FactTable rows={facts} />)
  const rows = [...container.querySelectorAll('tr')].map(tr => [
    tr.querySelector('th')!.textContent,
    tr.querySelector('td')!.textContent,
  ])
  cleanup()
  return rows
}

describe('HTTP facts', () => {
  it('the details panel shows an inbound exchange in one table, the HTTP panel per tab', () => {
    expect(shown(requestFacts(request, allParts))).toEqual([
      ['Method', 'POST'],
      ['Path', '/import/'],
      ['Status', '500'],
      ['Duration', '94.9 ms'],
      ['Route', 'import/'],
      ['View', 'shelf.views.import_isbn'],
      ['Scheme', 'http'],
    ])
    expect(shown(requestFacts(request, requestPart)).map(([k]) => k)).toEqual([
      'Method',
      'Path',
      'Scheme',
    ])
    expect(shown(requestFacts(request, responsePart)).map(([k]) => k)).toEqual([
      'Status',
      'Duration',
    ])
  })

  it('an outbound call: method, URL, status, library; rows without a value are left out', () => {
    expect(shown(outboundFacts(outbound, allParts))).toEqual([
      ['Method', 'GET'],
      ['URL', 'http://127.0.0.1:18767/isbn/0'],
      ['Status', '404'],
      ['Library', 'urllib'],
    ])
    const bare = {...outbound, library: undefined, response: undefined}
    expect(shown(outboundFacts(bare, allParts)).map(([k]) => k)).toEqual(['Method', 'URL'])
    expect(shown(outboundFacts(outbound, responsePart)).map(([k]) => k)).toEqual(['Status'])
  })

  it('a section is worth showing only for a value with something in it', () => {
    expect(hasEntries(undefined)).toBe(false)
    expect(hasEntries(py.none)).toBe(false)
    expect(hasEntries(py.dict([]))).toBe(false)
    expect(hasEntries(py.str(''))).toBe(false)
    expect(hasEntries(py.dict([[py.str('a'), py.int(1)]]))).toBe(true)
  })
})
