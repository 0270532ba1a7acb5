import {mkdirSync, mkdtempSync, renameSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import {afterAll, describe, expect, it} from 'vitest'
import type {TraceEvents} from '../../../shared/api/contract'
import {createTraceService} from '../service/service'

const tmp = mkdtempSync(path.join(tmpdir(), 'kx-recover-'))
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

function koloDb(file: string, ids: string[], v3 = false): void {
  mkdirSync(path.dirname(file), {recursive: true})
  const db = new Database(file)
  db.pragma('journal_mode = wal')
  db.exec(`CREATE TABLE IF NOT EXISTS traces (id text PRIMARY KEY NOT NULL,
    created_at TEXT DEFAULT (STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')) NOT NULL,
    data text NULL, msgpack blob NULL, is_pinned INTEGER DEFAULT 0)`)
  if (v3) db.exec('ALTER TABLE traces ADD COLUMN auto_generated_name TEXT NULL')
  for (const id of ids) db.prepare('INSERT INTO traces (id, msgpack) VALUES (?, ?)').run(id, null)
  db.close()
}

async function until(what: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise(r => setTimeout(r, 25))
  }
}

describe('a project recovers by itself', () => {
  it('opens once Kolo creates its store, follows a recreate and a 3.x migration', async () => {
    const root = path.join(tmp, 'shop')
    mkdirSync(root)
    const service = createTraceService({
      projectPaths: [root],
      retryMs: 50,
      cacheDir: path.join(tmp, 'cache'),
      settingsDir: path.join(tmp, 'settings'),
    })
    const events: {event: keyof TraceEvents; payload: unknown}[] = []
    for (const event of ['traceAdded', 'traceRemoved', 'projectChanged'] as const) {
      service.on(event, payload => events.push({event, payload}))
    }
    try {
      const [before] = await service.listProjects({})
      expect(before?.error).toMatch(/no Kolo store here/)
      const summary = async () => (await service.listProjects({}))[0]!

      // Kolo runs for the first time.
      koloDb(path.join(root, '.kolo', 'db.sqlite3'), ['trc_00000000000000000000000001'])
      await until(() => events.some(e => e.event === 'projectChanged'))
      expect(await summary()).toMatchObject({format: 'kolo-2', traceCount: 1})
      expect((await summary()).error).toBeUndefined()

      // The user deletes .kolo/ and Kolo recreates it.
      rmSync(path.join(root, '.kolo'), {recursive: true})
      await until(() => events.some(e => e.event === 'traceRemoved'))
      koloDb(path.join(root, '.kolo', 'db.sqlite3'), ['trc_00000000000000000000000002'])
      await until(
        async () => (await summary()).traceCount === 1 && (await summary()).error === undefined,
      )

      // Kolo 3.x moves the database into .kolo/.internal/.
      const internal = path.join(root, '.kolo', '.internal')
      mkdirSync(path.join(internal, 'raw'), {recursive: true})
      renameSync(path.join(root, '.kolo', 'db.sqlite3'), path.join(internal, 'db.sqlite3'))
      await until(async () => (await summary()).format === 'kolo-3')
      expect(await summary()).toMatchObject({traceCount: 1})
      expect((await summary()).error).toBeUndefined()
    } finally {
      await service.dispose()
    }
  })
})
