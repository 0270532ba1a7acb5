import {spawn} from 'node:child_process'
import fs from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'

/**
 * Test-only: a second process that writes traces into a store the way Kolo does, and reports
 * each id with the time it was committed (one JSON line each).
 *
 * 2.x: a WAL connection kept open (journal_mode=wal, a small autocheckpoint so checkpoints and
 * WAL resets happen mid-run), `INSERT INTO traces(id, created_at, msgpack)`.
 * 3.x: the body to `raw/.<name>.<hex>.tmp`, written in two parts with a pause, renamed into
 * place, then `INSERT INTO traces(id, created_at)`. Deletes remove the row (and the file).
 */
const script = String.raw`
const [betterSqlite3, mode, dbFile, rawDir, count, deletes] = process.argv.slice(2)
const Database = require(betterSqlite3)
const fs = require('fs'), path = require('path'), crypto = require('crypto')
const sleep = ms => new Promise(r => setTimeout(r, ms))
const db = new Database(dbFile, {timeout: 60000})
db.pragma('journal_mode = wal')
db.pragma('wal_autocheckpoint = 8')
const say = (event, id) => process.stdout.write(JSON.stringify({event, id, at: Date.now()}) + '\n')
const stamp = () => new Date().toISOString().replace('T', ' ').slice(0, 23)
;(async () => {
  const ids = []
  for (let i = 0; i < Number(count); i++) {
    const id = 'trc_' + String(Date.now()).padStart(13, '0') + crypto.randomBytes(7).toString('hex').toUpperCase().slice(0, 13)
    const body = crypto.randomBytes(2000 + (i % 5) * 3000)
    if (mode === '2') {
      db.prepare('INSERT OR IGNORE INTO traces (id, created_at, msgpack) VALUES (?, ?, ?)').run(id, stamp(), body)
    } else {
      const tmp = path.join(rawDir, '.' + id + '.msgpack.' + crypto.randomBytes(4).toString('hex') + '.tmp')
      fs.writeFileSync(tmp, body.subarray(0, 100))
      await sleep(3)
      fs.appendFileSync(tmp, body.subarray(100))
      fs.renameSync(tmp, path.join(rawDir, id + '.msgpack'))
      say('added', id)
      await sleep(i % 3)
      db.prepare('INSERT OR IGNORE INTO traces (id, created_at) VALUES (?, ?)').run(id, stamp())
    }
    if (mode === '2') say('added', id)
    ids.push(id)
    // Bursts and pauses, like requests hitting a dev server.
    await sleep(i % 4 === 0 ? 0 : 5 + (i % 7) * 6)
  }
  await sleep(600)
  for (const id of ids.slice(0, Number(deletes))) {
    db.prepare('DELETE FROM traces WHERE id = ?').run(id)
    if (mode === '3') fs.rmSync(path.join(rawDir, id + '.msgpack'), {force: true})
    say('removed', id)
    await sleep(20)
  }
  await sleep(100)
  db.close()
})()
`

/** One event the writer reported. */
export interface WriterEvent {
  event: 'added' | 'removed'
  id: string
  at: number
}

/** Run the writer to completion; resolves with what it wrote. */
export function runWriter(
  mode: '2' | '3',
  dbFile: string,
  rawDir: string,
  count: number,
  deletes: number,
  scratch: string,
): Promise<WriterEvent[]> {
  const file = path.join(scratch, 'writer.cjs')
  fs.writeFileSync(file, script)
  const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3')
  const args = [file, betterSqlite3, mode, dbFile, rawDir, String(count), String(deletes)]
  const child = spawn(process.execPath, args, {stdio: ['ignore', 'pipe', 'pipe']})
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', code => {
      if (code !== 0) reject(new Error(`writer exited with ${code}: ${err}`))
      else {
        resolve(
          out
            .trim()
            .split('\n')
            .filter(Boolean)
            .map(line => JSON.parse(line) as WriterEvent),
        )
      }
    })
  })
}
