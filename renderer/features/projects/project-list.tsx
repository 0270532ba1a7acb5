import './projects.css'
import {memo, useState} from 'react'
import type {ProjectSummary} from '../../../shared/model/trace-summary'
import {formatCount, formatLabel} from '../../components/format'
import {CloseIcon, PlusIcon} from '../../components/icons'
import {useAppStore} from '../../state/use-app-store'
import {AddProject} from './add-project'

/** The sidebar's projects: each with its format, Kolo version and trace count; add, close. */
export function ProjectList() {
  const projects = useAppStore(s => s.projects)
  const selectedId = useAppStore(s => s.selectedProjectId)
  const selectProject = useAppStore(s => s.selectProject)
  const closeProject = useAppStore(s => s.closeProject)
  const versions = useAppStore(s => s.koloVersions)
  const [adding, setAdding] = useState(false)
  return (
    <section className="project-list" data-testid="project-list" aria-label="Projects">
      <div className="pane-header">
        <span className="pane-title">Projects</span>
        <span className="pane-count">
          {projects.length > 0 ? formatCount(projects.length) : ''}
        </span>
        <button
          className={`icon-button project-add-toggle${adding ? ' active' : ''}`}
          title="Add a project"
          aria-label="Add a project"
          aria-expanded={adding}
          data-testid="project-add-toggle"
          onClick={() => setAdding(!adding)}
        >
          <PlusIcon size={13} />
        </button>
      </div>
      {adding && <AddProject onDone={() => setAdding(false)} />}
      <div className="project-rows" role="listbox" aria-label="Projects">
        {projects.map(p => (
          <ProjectRow
            key={p.id}
            project={p}
            selected={p.id === selectedId}
            koloVersion={versions[p.id]}
            onSelect={selectProject}
            onClose={id => void closeProject(id)}
          />
        ))}
      </div>
    </section>
  )
}

const ProjectRow = memo(function ProjectRow(props: {
  project: ProjectSummary
  selected: boolean
  koloVersion: string | undefined
  onSelect: (id: string) => void
  onClose: (id: string) => void
}) {
  const {project: p, selected} = props
  const failed = p.error !== undefined
  return (
    <div
      className={`project-row${selected ? ' selected' : ''}${failed ? ' failed' : ''}`}
      role="option"
      aria-selected={selected}
      data-testid="project-row"
      data-project-id={p.id}
      title={p.error ?? p.path}
      onClick={() => props.onSelect(p.id)}
    >
      <div className="project-line1">
        <span className="project-name">{p.label}</span>
        <span className="project-count mono" title="Traces">
          {failed ? '' : formatCount(p.traceCount)}
        </span>
        <button
          className="icon-button project-close"
          title={`Close ${p.label}`}
          aria-label={`Close ${p.label}`}
          data-testid="project-close"
          onClick={e => {
            e.stopPropagation()
            props.onClose(p.id)
          }}
        >
          <CloseIcon size={10} />
        </button>
      </div>
      <div className="project-line2">
        {failed ? (
          <span className="project-error">{p.error}</span>
        ) : (
          <>
            <span className={`project-format format-${p.format}`}>
              {formatLabel(p.format, props.koloVersion)}
            </span>
            <span className="project-path">
              <bdi>{p.path}</bdi>
            </span>
          </>
        )}
      </div>
    </div>
  )
})
