import {fuzzyScore} from '../../../shared/project-index/fuzzy-score'
import type {
  PaletteItem,
  PaletteKind,
  PaletteResult,
} from '../../../shared/project-index/index-types'

/** Something the palette can do that is not in the index: a view, a setting, a project. */
export interface PaletteCommand {
  id: string
  label: string
  detail?: string
  /** More words it is found by ("dark" finds the theme command). */
  keywords?: string
  run: () => void
}

/** One row of the palette's list: a result of the index, or a command. */
export type PaletteOption =
  | {id: string; kind: PaletteKind; item: PaletteItem}
  | {id: string; kind: 'command'; command: PaletteCommand}

/** A titled group of options. */
export interface PaletteSection {
  kind: PaletteKind | 'command'
  title: string
  options: PaletteOption[]
  more: boolean
}

const titles: Record<PaletteKind | 'command', string> = {
  trace: 'Traces',
  function: 'Functions',
  file: 'Files',
  sql: 'SQL',
  exception: 'Exceptions',
  command: 'Commands',
}

/** Commands that match a query, best first (all of them, in order, for an empty query). */
export function matchCommands(
  commands: readonly PaletteCommand[],
  query: string,
  limit = 8,
): PaletteCommand[] {
  if (query.trim() === '') return commands.slice(0, limit)
  return commands
    .map(c => ({c, score: fuzzyScore(query, `${c.label} ${c.keywords ?? ''}`)}))
    .filter((x): x is {c: PaletteCommand; score: number} => x.score !== undefined)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(x => x.c)
}

/** Whether a query reads as an absolute path (to offer "open project at…"). */
export function looksLikePath(query: string): boolean {
  const q = query.trim()
  return /^\/[^\s]/.test(q) || /^[A-Za-z]:[\\/]/.test(q) || /^~[\\/]/.test(q)
}

/**
 * The palette's sections: the index's groups in its order, then the commands; each option with
 * a stable id (for aria-activedescendant). A query that reads as a path puts "Open project at…"
 * first among the commands.
 */
export function paletteSections(
  result: PaletteResult | undefined,
  commands: readonly PaletteCommand[],
  query: string,
  openPath?: (path: string) => void,
): PaletteSection[] {
  const sections: PaletteSection[] = []
  for (const group of result?.groups ?? []) {
    sections.push({
      kind: group.kind,
      title: titles[group.kind],
      more: group.more,
      options: group.items.map((item, i) => ({id: `${group.kind}-${i}`, kind: group.kind, item})),
    })
  }
  const matched = matchCommands(commands, query)
  if (openPath && looksLikePath(query)) {
    const path = query.trim()
    matched.unshift({id: 'open-path', label: `Open project at ${path}`, run: () => openPath(path)})
  }
  if (matched.length > 0) {
    sections.push({
      kind: 'command',
      title: titles.command,
      more: false,
      options: matched.map(command => ({id: `command-${command.id}`, kind: 'command', command})),
    })
  }
  return sections
}

/** The options of the sections in list order. */
export function flatOptions(sections: readonly PaletteSection[]): PaletteOption[] {
  return sections.flatMap(s => s.options)
}

/** Split `text` where it matches the query's words (case-insensitive), to mark the matches. */
export function highlightParts(text: string, query: string): {text: string; hit: boolean}[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter(w => w.length > 0)
  if (words.length === 0) return [{text, hit: false}]
  const lower = text.toLowerCase()
  const hit = new Uint8Array(text.length)
  for (const w of words) {
    for (let at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + w.length)) {
      hit.fill(1, at, at + w.length)
    }
  }
  const parts: {text: string; hit: boolean}[] = []
  let start = 0
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || hit[i] !== hit[start]) {
      parts.push({text: text.slice(start, i), hit: hit[start] === 1})
      start = i
    }
  }
  return parts
}
