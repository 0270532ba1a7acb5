import {homedir} from 'node:os'
import path from 'node:path'
import {decodeModel} from '../../../shared/api/model-codec'
import type {NodeDetails} from '../../../shared/model/node-details'
import {traceFileTable} from '../model/trace-files'

/**
 * The default folder for the user's settings (source roots, path mappings, editor choice):
 * `$XDG_CONFIG_HOME/kolo-explorer`, `~/Library/Application Support/kolo-explorer` on macOS,
 * `%APPDATA%\kolo-explorer` on Windows. Electron passes its own userData folder instead.
 */
export function defaultSettingsDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'kolo-explorer')
  if (platform === 'darwin') {
    return path.join(homedir(), 'Library', 'Application Support', 'kolo-explorer')
  }
  return path.join(env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'kolo-explorer')
}

/** The file ids a node's details name (its own file, its call site, its exception frames). */
export function detailFileIds(details: NodeDetails): number[] {
  const ids = [details.fileId, details.callSite?.fileId]
  if (details.kind === 'exception') ids.push(...details.frames.map(frame => frame.fileId))
  return ids.filter((id): id is number => id !== undefined)
}

/**
 * Which files each trace references, as the source service needs them: the model's file ids,
 * plus those only node details carry. Kept for the most recently loaded traces only; a model is
 * decoded (on this thread) only when a source of it is first asked for.
 */
export class TraceFileTables {
  private readonly models = new Map<string, ArrayBuffer>()
  private readonly tables = new Map<string, {files: (string | undefined)[]; strings: string[]}>()
  private readonly extras = new Map<string, Set<number>>()

  constructor(private readonly capacity = 4) {}

  /** Remember a freshly loaded model (its framed buffer), replacing what was known of the trace. */
  rememberModel(key: string, buffer: ArrayBuffer): void {
    // Details fetched before a reload name ids of the same string table: keep them.
    this.models.delete(key)
    this.tables.delete(key)
    this.models.set(key, buffer)
    while (this.models.size + this.tables.size > this.capacity) {
      const oldest = [...this.models.keys(), ...this.tables.keys()][0]!
      this.forget(oldest)
    }
  }

  /** Add the files a node's details name. */
  rememberDetails(key: string, details: NodeDetails): void {
    let extra = this.extras.get(key)
    if (!extra) this.extras.set(key, (extra = new Set()))
    const known = this.tables.get(key)
    for (const id of detailFileIds(details)) {
      extra.add(id)
      if (known && id >= 0 && id < known.strings.length) known.files[id] = known.strings[id]
    }
  }

  /** The table of a trace, if it was loaded. */
  get(key: string): readonly (string | undefined)[] | undefined {
    const buffer = this.models.get(key)
    if (buffer) {
      const model = decodeModel(buffer)
      this.models.delete(key)
      this.tables.set(key, {
        files: traceFileTable(model, this.extras.get(key) ?? []),
        strings: model.strings,
      })
    }
    return this.tables.get(key)?.files
  }

  private forget(key: string): void {
    this.models.delete(key)
    this.tables.delete(key)
    this.extras.delete(key)
  }
}
