import './settings.css'
import {useEffect} from 'react'
import type {ReactNode} from 'react'
import type {ThemeSetting} from '../../../shared/api/projects-contract'
import {formatLabel} from '../../components/format'
import {CloseIcon} from '../../components/icons'
import {EditorPicker} from '../../components/editor-picker'
import {PathMappingForm} from '../../components/path-mapping-form'
import {SourceSettingsPanel} from '../../components/source-settings'
import {useAppStore} from '../../state/use-app-store'

const themes: {id: ThemeSetting; label: string}[] = [
  {id: 'system', label: 'Follow the system'},
  {id: 'dark', label: 'Dark'},
  {id: 'light', label: 'Light'},
]

function Section(props: {title: string; children: ReactNode; note?: ReactNode}) {
  return (
    <section className="settings-section">
      <h3>{props.title}</h3>
      {props.children}
      {props.note !== undefined && <div className="settings-note">{props.note}</div>}
    </section>
  )
}

/**
 * The settings: theme, follow-latest, the editor and its template, the shown project's source
 * root and path mappings, the projects, and where all this is kept. Each change saves at once.
 */
export function SettingsView() {
  const open = useAppStore(s => s.settingsOpen)
  const setOpen = useAppStore(s => s.setSettingsOpen)
  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open, setOpen])
  if (!open) return null
  return (
    <div
      className="settings-backdrop"
      onMouseDown={e => e.target === e.currentTarget && setOpen(false)}
    >
      <div
        className="settings-view"
        role="dialog"
        aria-label="Settings"
        data-testid="settings-view"
      >
        <header className="settings-header">
          <h2>Settings</h2>
          <button
            className="icon-button"
            title="Close (Esc)"
            aria-label="Close settings"
            onClick={() => setOpen(false)}
          >
            <CloseIcon size={12} />
          </button>
        </header>
        <div className="settings-body">
          <AppearanceSection />
          <Section title="Editor">
            <EditorPicker />
          </Section>
          <SourcesSection />
          <ProjectsSection />
          <FileSection />
        </div>
      </div>
    </div>
  )
}

function AppearanceSection() {
  const settings = useAppStore(s => s.settings)
  const update = useAppStore(s => s.updateSettings)
  const theme = settings?.theme ?? 'system'
  return (
    <Section title="Appearance and live traces">
      <div className="settings-row">
        <span className="settings-label">Theme</span>
        <div className="segmented" role="radiogroup" aria-label="Theme">
          {themes.map(t => (
            <button
              key={t.id}
              role="radio"
              aria-checked={theme === t.id}
              className={theme === t.id ? 'active' : undefined}
              data-testid={`theme-${t.id}`}
              onClick={() => void update({theme: t.id})}
            >
              {t.label}
            </button>
          ))}
        </div>
      </div>
      <label className="settings-row">
        <span className="settings-label">Follow latest</span>
        <input
          type="checkbox"
          checked={settings?.followLatest === true}
          data-testid="settings-follow-latest"
          onChange={e => void update({followLatest: e.target.checked})}
        />
        <span className="muted">Select each new trace of the shown project as Kolo records it</span>
      </label>
    </Section>
  )
}

function SourcesSection() {
  const project = useAppStore(s => s.projects.find(p => p.id === s.selectedProjectId))
  if (!project) return null
  return (
    <Section
      title={`Sources of ${project.label}`}
      note="A mapping reads files recorded under one prefix (a container's /app) from a local folder."
    >
      <SourceSettingsPanel key={project.id} />
      <PathMappingForm key={`add-${project.id}`} projectId={project.id} inline />
    </Section>
  )
}

function ProjectsSection() {
  const projects = useAppStore(s => s.projects)
  const versions = useAppStore(s => s.koloVersions)
  const close = useAppStore(s => s.closeProject)
  const isDesktop = useAppStore(s => s.settings?.host === 'desktop')
  return (
    <Section
      title="Projects"
      note={
        isDesktop
          ? 'Open projects are remembered across restarts; closing one forgets it.'
          : 'In a browser, projects last as long as this serve session.'
      }
    >
      <table className="settings-projects">
        <tbody>
          {projects.map(p => (
            <tr key={p.id}>
              <td className="settings-project-name">{p.label}</td>
              <td className="mono faint">{p.path}</td>
              <td className="muted">
                {p.error !== undefined ? 'not readable' : formatLabel(p.format, versions[p.id])}
              </td>
              <td>
                <button className="link-button" onClick={() => void close(p.id)}>
                  Close
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  )
}

function FileSection() {
  const settings = useAppStore(s => s.settings)
  if (!settings) return null
  return (
    <Section title="Where settings are kept">
      <div className="mono faint settings-file">{settings.file}</div>
      {settings.warnings.map(w => (
        <div key={w} className="settings-warning">
          {w}
        </div>
      ))}
    </Section>
  )
}
