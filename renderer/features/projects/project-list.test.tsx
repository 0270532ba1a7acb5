// @vitest-environment jsdom
import {cleanup, fireEvent, screen, waitFor, within} from '@testing-library/react'
import {afterEach, describe, expect, it} from 'vitest'
import type {ProjectSummary} from '../../../shared/model/trace-summary'
import {createFakeClient} from '../../testing/fake-client'
import {renderWithStore} from '../../testing/render-app'
import {ProjectList} from './project-list'

afterEach(cleanup)

function api() {
  const projects: ProjectSummary[] = [
    {id: 'p1', path: '/src/shop', label: 'shop', format: 'kolo-2', traceCount: 1234},
    {
      id: 'p2',
      path: '/src/gone',
      label: 'gone',
      format: 'unknown',
      traceCount: 0,
      error: '/src/gone: no Kolo store here',
    },
  ]
  return createFakeClient({
    projects,
    overrides: {
      openProject: ({path}) => {
        const p = {id: 'p3', path, label: 'blog', format: 'kolo-3', traceCount: 2}
        projects.push(p)
        return Promise.resolve(p)
      },
      closeProject: ({projectId}) => {
        projects.splice(
          projects.findIndex(p => p.id === projectId),
          1,
        )
        return Promise.resolve()
      },
      findProjects: ({root}) =>
        Promise.resolve({
          root,
          truncated: false,
          projects: [
            {path: `${root}/shop`, label: 'shop', format: 'kolo-2' as const},
            {path: `${root}/blog`, label: 'blog', format: 'kolo-3' as const},
          ],
        }),
    },
  })
}

describe('ProjectList', () => {
  it('lists projects with their format and count, and a failed one with its error', async () => {
    const {store} = renderWithStore(<ProjectList />, api())
    await store.getState().start()
    const rows = await screen.findAllByTestId('project-row')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.textContent).toContain('shop')
    expect(rows[0]!.textContent).toContain('1,234')
    expect(rows[0]!.textContent).toContain('Kolo 2.x')
    expect(rows[1]!.textContent).toContain('no Kolo store here')
    fireEvent.click(rows[1]!)
    expect(store.getState().selectedProjectId).toBe('p2')
  })

  it('adds a project by path, finds projects below a folder, and closes one', async () => {
    const {store} = renderWithStore(<ProjectList />, api())
    await store.getState().start()
    fireEvent.click(screen.getByTestId('project-add-toggle'))
    fireEvent.change(screen.getByTestId('project-path'), {target: {value: '/src'}})
    fireEvent.click(screen.getByTestId('project-find'))
    const found = await screen.findByTestId('found-projects')
    // shop is open already; blog can be added.
    expect(within(found).getAllByText('open')).toHaveLength(1)
    fireEvent.click(within(found).getByText('Add'))
    await waitFor(() => expect(screen.getAllByTestId('project-row')).toHaveLength(3))
    expect(store.getState().selectedProjectId).toBe('p3')
    fireEvent.click(screen.getAllByTestId('project-close')[2]!)
    await waitFor(() => expect(screen.getAllByTestId('project-row')).toHaveLength(2))
  })
})
