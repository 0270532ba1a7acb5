// @vitest-environment jsdom
import {cleanup, fireEvent, screen, waitFor} from '@testing-library/react'
import {afterEach, describe, expect, it} from 'vitest'
import type {SettingsInfo} from '../../../shared/api/projects-contract'
import type {ProjectSummary} from '../../../shared/model/trace-summary'
import {createFakeClient} from '../../testing/fake-client'
import {renderWithStore} from '../../testing/render-app'
import {SettingsView} from './settings-view'

afterEach(cleanup)

const info: SettingsInfo = {
  theme: 'system',
  followLatest: false,
  projects: [],
  file: '/cfg/kolo-explorer/settings.json',
  host: 'serve',
  warnings: ['/cfg/kolo-explorer/settings.json: is not valid JSON; using defaults'],
}

function api() {
  const projects: ProjectSummary[] = [
    {id: 'p1', path: '/src/shop', label: 'shop', format: 'kolo-2', traceCount: 1234},
  ]
  return createFakeClient({
    projects,
    overrides: {
      getSettings: () => Promise.resolve(info),
      updateSettings: patch => Promise.resolve({...info, ...patch}),
    },
  })
}

describe('SettingsView', () => {
  it('shows the settings, saves the theme, and says where the file is and what was wrong', async () => {
    const {store} = renderWithStore(<SettingsView />, api())
    await store.getState().start()
    await waitFor(() => expect(store.getState().settings).toBeDefined())
    store.getState().setSettingsOpen(true)
    const view = await screen.findByTestId('settings-view')
    expect(view.textContent).toContain('/cfg/kolo-explorer/settings.json')
    expect(view.textContent).toContain('is not valid JSON')
    fireEvent.click(screen.getByTestId('theme-light'))
    await waitFor(() => expect(store.getState().settings?.theme).toBe('light'))
    fireEvent.keyDown(window, {key: 'Escape'})
    expect(store.getState().settingsOpen).toBe(false)
  })
})
