import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {Packr} from 'msgpackr'

/** Test-only helpers: folder snapshots and generated Kolo data in the documented shapes. */

/** Every file and folder under `root`: kind, size, mtime (ns) and, for files, a sha256. */
export function snapshotTree(root: string): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name)
      const s = fs.lstatSync(full, {bigint: true})
      const rel = path.relative(root, full)
      if (s.isDirectory()) {
        out.set(rel, `dir mtime=${s.mtimeNs}`)
        walk(full)
      } else {
        const hash = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')
        out.set(rel, `file size=${s.size} mtime=${s.mtimeNs} ctime=${s.ctimeNs} sha256=${hash}`)
      }
    }
  }
  out.set('.', `dir mtime=${fs.statSync(root, {bigint: true}).mtimeNs}`)
  walk(root)
  return out
}

/** A fresh temp folder (removed by the caller). */
export function tempDir(prefix = 'kolo-store-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/** Copy a folder tree (files made writable, so tests may write to the copy). */
export function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, {recursive: true})
  const walk = (dir: string) => {
    fs.chmodSync(dir, 0o755)
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name)
      if (fs.statSync(full).isDirectory()) walk(full)
      else fs.chmodSync(full, 0o644)
    }
  }
  walk(to)
}

const packr = new Packr({useRecords: false, variableMapSize: true})

/** A ULID-style trace id whose time part encodes `ms` (kolo-format.md §2.4). */
export function traceIdAt(ms: number, n: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
  let time = ''
  let t = ms
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time
    t = Math.floor(t / 32)
  }
  let rand = ''
  let r = n
  for (let i = 0; i < 16; i++) {
    rand = alphabet[r % 32] + rand
    r = Math.floor(r / 32)
  }
  return `trc_${time}${rand}`
}

/** The records of one served request: request, one SQL query, response. */
function requestRecords(ts: number, method: string, pathInfo: string, status: number): object[] {
  const common = (type: string, frame: string, t: number) => ({
    type,
    frame_id: frame,
    timestamp: t,
    user_code_call_site: null,
  })
  return [
    {
      ...common('django_request', 'frm_req', ts),
      method,
      path_info: pathInfo,
      headers: {},
      body: '',
      scheme: 'http',
    },
    {
      ...common('start_sql_query', 'frm_sql', ts + 0.001),
      database: 'sqlite',
      call_timestamp: ts + 0.001,
    },
    {
      ...common('end_sql_query', 'frm_sql', ts + 0.002),
      database: 'sqlite',
      return_timestamp: ts + 0.002,
      query: 'SELECT 1',
      query_template: 'SELECT 1',
      query_data: null,
    },
    {
      ...common('django_response', 'frm_req', ts + 0.01),
      status_code: status,
      ms_duration: 10,
      content: '',
      headers: {},
      url_pattern: null,
    },
  ]
}

/** A Kolo 2.40 (C2) msgpack body of one request (kolo-format.md §4.3). */
export function c2Body(
  id: string,
  epochS: number,
  method = 'GET',
  pathInfo = '/',
  status = 200,
): Uint8Array {
  return packr.pack({
    command_line_args: ['manage.py', 'runserver'],
    current_commit_sha: null,
    current_thread_id: 'native_1',
    meta: {version: '2.40.0', source: 'kolo.middleware.KoloMiddleware', config: {}},
    timestamp: epochS,
    trace_id: id,
    trace_name: `${status} ${method} ${pathInfo}`,
    frames_of_interest: [],
    frames: {},
    threads: {
      native_1: {
        name: 'MainThread',
        ident: 1,
        native_id: 1,
        daemon: false,
        is_alive: true,
        frames: requestRecords(epochS, method, pathInfo, status),
      },
    },
  })
}

/** A JSON-era (B, kolo-format.md §4.2) body of one request. */
export function jsonBody(
  id: string,
  epochS: number,
  method = 'GET',
  pathInfo = '/',
  status = 200,
): string {
  return JSON.stringify({
    command_line_args: ['manage.py', 'runserver'],
    current_commit_sha: null,
    frames_of_interest: requestRecords(epochS, method, pathInfo, status),
    meta: {version: '2.5.0', use_frame_boundaries: true},
    timestamp: epochS,
    trace_id: id,
  })
}
