import './palette.css'
import {useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react'
import type {KeyboardEvent as ReactKeyboardEvent} from 'react'
import type {PaletteResult} from '../../../shared/project-index/index-types'
import {formatLocalTime} from '../../components/format'
import {errorInfo} from '../../state/error-info'
import {useAppStore, useAppStoreApi} from '../../state/use-app-store'
import {openPaletteItem} from './palette-actions'
import {flatOptions, highlightParts, paletteSections} from './palette-model'
import type {PaletteCommand, PaletteOption} from './palette-model'

/** Results asked per group. */
const perGroup = 8
const debounceMs = 60

/** Ctrl/⌘+K opens (and closes) the palette from anywhere, including text fields. */
export function usePaletteShortcut(): void {
  const store = useAppStoreApi()
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        const s = store.getState()
        s.setPaletteOpen(!s.paletteOpen)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
}

/** The palette when it is open (Ctrl/⌘+K); `commands` come from the app. */
export function Palette(props: {commands: readonly PaletteCommand[]}) {
  const open = useAppStore(s => s.paletteOpen)
  return open ? <PaletteDialog commands={props.commands} /> : null
}

/**
 * Find anything: one box over the project index (traces by path, status and name; functions;
 * files; SQL text; exception messages) and the app's commands; fuzzy, grouped, keyboard only.
 * An accessible combobox: the input keeps the focus, ↑ ↓ move the active option
 * (aria-activedescendant), Enter opens it (Shift+Enter: a function's newest call), Escape closes;
 * Tab stays inside; the focus returns where it was.
 */
function PaletteDialog(props: {commands: readonly PaletteCommand[]}) {
  const store = useAppStoreApi()
  const projectId = useAppStore(s => s.selectedProjectId)
  const api = useAppStore(s => s.api)
  const setOpen = useAppStore(s => s.setPaletteOpen)
  const openProjectPath = useAppStore(s => s.openProjectPath)
  const [query, setQuery] = useState('')
  const [result, setResult] = useState<{query: string; value?: PaletteResult; error?: string}>()
  // The active option, by the result it was chosen in: a new result starts at its first option.
  const [active, setActive] = useState<{of: PaletteResult | undefined; index: number}>({
    of: undefined,
    index: 0,
  })
  const inputRef = useRef<HTMLInputElement>(null)
  const listRef = useRef<HTMLDivElement>(null)
  const returnTo = useRef<Element | null>(null)

  useLayoutEffect(() => {
    returnTo.current = document.activeElement
    inputRef.current?.focus()
    return () => {
      const el = returnTo.current
      if (el instanceof HTMLElement && el.isConnected) el.focus()
    }
  }, [])

  useEffect(() => {
    if (projectId === undefined) return
    let live = true
    const timer = setTimeout(() => {
      api.searchProject({projectId, query, limit: perGroup}).then(
        value => live && setResult({query, value}),
        (error: unknown) => live && setResult({query, error: errorInfo(error).message}),
      )
    }, debounceMs)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [api, projectId, query])

  const sections = useMemo(
    () => paletteSections(result?.value, props.commands, query, path => void openProjectPath(path)),
    [result, props.commands, query, openProjectPath],
  )
  const options = useMemo(() => flatOptions(sections), [sections])
  const activeIndex =
    active.of === result?.value ? Math.min(active.index, Math.max(0, options.length - 1)) : 0
  const activeOption = options[activeIndex]
  const activate = (index: number) => setActive({of: result?.value, index})
  useEffect(() => {
    const el = activeOption && document.getElementById(`palette-${activeOption.id}`)
    el?.scrollIntoView?.({block: 'nearest'})
  }, [activeOption])

  const close = () => setOpen(false)
  const choose = (option: PaletteOption | undefined, latest = false) => {
    if (!option) return
    close()
    if (option.kind === 'command') option.command.run()
    else if (projectId !== undefined) void openPaletteItem(store, projectId, option.item, latest)
  }
  const onKeyDown = (e: ReactKeyboardEvent) => {
    const n = options.length
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      if (n > 0) activate((activeIndex + (e.key === 'ArrowDown' ? 1 : n - 1)) % n)
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault()
      const step = e.key === 'PageDown' ? 5 : -5
      if (n > 0) activate(Math.max(0, Math.min(n - 1, activeIndex + step)))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      choose(activeOption, e.shiftKey)
    } else if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      close()
    } else if (e.key === 'Tab') {
      // The dialog's one field keeps the focus (the list is reached with the arrows).
      e.preventDefault()
    }
  }

  const pending = result?.query !== query
  const status = result?.error
    ? `Search failed: ${result.error}`
    : pending && !result
      ? 'Searching…'
      : `${options.length} result${options.length === 1 ? '' : 's'}`
  return (
    <div className="palette-backdrop" onMouseDown={e => e.target === e.currentTarget && close()}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label="Find anything"
        data-testid="palette"
        onKeyDown={onKeyDown}
      >
        <input
          ref={inputRef}
          className="palette-input"
          data-testid="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-autocomplete="list"
          aria-activedescendant={activeOption ? `palette-${activeOption.id}` : undefined}
          aria-describedby="palette-status"
          placeholder="Find traces, functions, files, SQL, exceptions, commands…"
          spellCheck={false}
          autoComplete="off"
          value={query}
          onChange={e => setQuery(e.target.value)}
        />
        <div
          ref={listRef}
          id="palette-list"
          className="palette-list"
          role="listbox"
          aria-label="Results"
        >
          {sections.map(section => (
            <div
              key={section.kind}
              role="group"
              aria-labelledby={`palette-group-${section.kind}`}
              className="palette-group"
            >
              <div
                id={`palette-group-${section.kind}`}
                className="palette-group-title"
                role="presentation"
              >
                {section.title}
                {section.more && <span className="palette-more"> · more match: type more</span>}
              </div>
              {section.options.map(option => {
                const index = options.indexOf(option)
                const selected = index === activeIndex
                return (
                  <div
                    key={option.id}
                    id={`palette-${option.id}`}
                    role="option"
                    aria-selected={selected}
                    className={`palette-option${selected ? ' active' : ''}`}
                    data-testid="palette-option"
                    data-kind={option.kind}
                    data-trace-id={option.kind === 'command' ? undefined : option.item.traceId}
                    onMouseMove={() => index !== activeIndex && activate(index)}
                    onClick={() => choose(option)}
                  >
                    <OptionBody option={option} query={query} />
                  </div>
                )
              })}
            </div>
          ))}
          {options.length === 0 && !pending && (
            <div className="palette-empty muted">Nothing matches.</div>
          )}
        </div>
        <div className="palette-foot muted" id="palette-status" role="status">
          <span>{status}</span>
          <span>
            <span className="kbd">↑</span> <span className="kbd">↓</span> move ·{' '}
            <span className="kbd">Enter</span> open · <span className="kbd">Shift+Enter</span> a
            function&apos;s newest call · <span className="kbd">Esc</span> close
          </span>
        </div>
      </div>
    </div>
  )
}

const kindTags: Record<PaletteOption['kind'], string> = {
  trace: 'trace',
  function: 'fn',
  file: 'file',
  sql: 'sql',
  exception: 'exc',
  command: 'cmd',
}

// The index gives a trace's start as an ISO time: show it as the rest of the app does.
function detailText(detail: string | undefined): string | undefined {
  if (detail === undefined || !/^\d{4}-\d\d-\d\dT/.test(detail)) return detail
  return formatLocalTime(detail)
}

function OptionBody(props: {option: PaletteOption; query: string}) {
  const {option} = props
  const label = option.kind === 'command' ? option.command.label : option.item.label
  const detail = option.kind === 'command' ? option.command.detail : detailText(option.item.detail)
  return (
    <>
      <span className={`palette-tag tag-${option.kind}`} aria-hidden="true">
        {kindTags[option.kind]}
      </span>
      <span className={`palette-label${option.kind === 'command' ? '' : ' mono'}`}>
        {highlightParts(label, props.query).map((part, i) =>
          part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
        )}
      </span>
      {detail !== undefined && <span className="palette-detail muted">{detail}</span>}
    </>
  )
}
