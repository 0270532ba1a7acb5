import {useState} from 'react'
import {useAppStore} from '../../state/use-app-store'
import {FolderIcon} from '../../components/icons'

/**
 * Add a project: type its absolute path (a folder with .kolo/, a db.sqlite3, a .kolo file), pick
 * it with the system's picker (desktop), or find the projects below a folder.
 */
export function AddProject(props: {onDone: () => void}) {
  const [path, setPath] = useState('')
  const [busy, setBusy] = useState(false)
  const isDesktop = useAppStore(s => s.settings?.host === 'desktop')
  const openProjectPath = useAppStore(s => s.openProjectPath)
  const pickProject = useAppStore(s => s.pickProject)
  const findProjects = useAppStore(s => s.findProjects)
  const find = useAppStore(s => s.findStatus)
  const text = path.trim()

  const open = async (target: string): Promise<void> => {
    setBusy(true)
    const ok = await openProjectPath(target)
    setBusy(false)
    if (ok && target === text) props.onDone()
  }

  return (
    <div className="add-project" data-testid="add-project">
      <form
        className="add-project-form"
        onSubmit={e => {
          e.preventDefault()
          if (text) void open(text)
        }}
      >
        <input
          className="text-input mono"
          value={path}
          onChange={e => setPath(e.target.value)}
          placeholder="/path/to/project, db.sqlite3 or trace.kolo"
          aria-label="Project path"
          spellCheck={false}
          autoFocus
          data-testid="project-path"
          onKeyDown={e => {
            if (e.key === 'Escape') props.onDone()
          }}
        />
        <button
          type="submit"
          className="button"
          disabled={!text || busy}
          data-testid="project-open"
        >
          Open
        </button>
      </form>
      <div className="add-project-actions">
        {isDesktop && (
          <>
            <button className="link-button" onClick={() => void pickProject('folder')}>
              <FolderIcon size={12} /> Choose folder…
            </button>
            <button className="link-button" onClick={() => void pickProject('file')}>
              Choose file…
            </button>
          </>
        )}
        <button
          className="link-button"
          disabled={!text}
          title="Look for folders with a .kolo/ store below this folder (4 levels deep)"
          data-testid="project-find"
          onClick={() => void findProjects(text)}
        >
          Find projects below
        </button>
      </div>
      <FoundList onOpen={target => void open(target)} />
      {find.state === 'searching' && <div className="muted small">Searching {find.root}…</div>}
      {find.state === 'failed' && <div className="error-text small">{find.message}</div>}
    </div>
  )
}

function FoundList(props: {onOpen: (path: string) => void}) {
  const find = useAppStore(s => s.findStatus)
  const open = useAppStore(s => s.projects)
  if (find.state !== 'done') return null
  const {projects, root, truncated} = find.result
  if (projects.length === 0) {
    return <div className="muted small">No Kolo project below {root}.</div>
  }
  const isOpen = (path: string) => open.some(p => p.path === path)
  const closed = projects.filter(p => !isOpen(p.path))
  return (
    <div className="found-projects" data-testid="found-projects">
      <div className="found-head muted small">
        {projects.length} project{projects.length === 1 ? '' : 's'} below {root}
        {truncated ? ' (search stopped early)' : ''}
        {closed.length > 1 && (
          <button className="link-button" onClick={() => closed.forEach(p => props.onOpen(p.path))}>
            Add all
          </button>
        )}
      </div>
      {projects.map(p => (
        <div key={p.path} className="found-row" title={p.path}>
          <span className="found-name">{p.label}</span>
          <span className="found-path mono">{p.path.slice(root.length) || p.path}</span>
          {!isOpen(p.path) ? (
            <button className="link-button" onClick={() => props.onOpen(p.path)}>
              Add
            </button>
          ) : (
            <span className="faint small">open</span>
          )}
        </div>
      ))}
    </div>
  )
}
