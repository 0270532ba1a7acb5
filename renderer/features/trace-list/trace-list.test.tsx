// @vitest-environment jsdom
import {act, cleanup, fireEvent, screen, waitFor} from '@testing-library/react'
import {afterEach, describe, expect, it} from 'vitest'
import {createFakeClient, fakeSummary} from '../../testing/fake-client'
import {renderWithStore} from '../../testing/render-app'
import {TraceList} from './trace-list'

afterEach(cleanup)

describe('TraceList filter', () => {
  it('pages through older traces until a row matches', async () => {
    // 450 traces; the only match is the oldest, beyond the first two pages of 200.
    const traces = Array.from({length: 450}, (_, i) =>
      fakeSummary(`t${i}`, {name: i === 449 ? '200 GET /rare/' : `200 GET /common/${i}/`}),
    )
    const api = createFakeClient({traces: {p1: traces}})
    const r = renderWithStore(<TraceList />, api)
    act(() => r.store.getState().selectProject('p1'))
    await waitFor(() => expect(r.store.getState().traceLists.p1?.traces).toHaveLength(200))
    fireEvent.change(screen.getByPlaceholderText(/filter/i), {target: {value: 'rare'}})
    await waitFor(() => expect(r.store.getState().traceLists.p1?.traces).toHaveLength(450))
    // jsdom lays nothing out, so the virtual list renders no rows: read the header's count.
    await waitFor(() => expect(screen.getByText(/450 · 1 shown/)).toBeTruthy())
    fireEvent.change(screen.getByPlaceholderText(/filter/i), {target: {value: 'nowhere'}})
    expect(await screen.findByText('No trace matches the filter.')).toBeTruthy()
  })
})
