import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {EditorHost} from '../editor/presets'

/** A folder of fake editor executables that record their argv, for tests. */
export interface FakeEditors {
  dir: string
  bin: string
  log: string
  host: EditorHost
  /** The recorded launches so far: which fake ran, with which arguments. */
  calls(): {name: string; argv: string[]}[]
  /** Wait until `count` launches are recorded (the fakes run detached). */
  waitForCalls(count: number, timeoutMs?: number): Promise<{name: string; argv: string[]}[]>
}

/**
 * Make fake executables called `names` in a temp `bin` folder: small Node scripts that append
 * `{name, argv}` as a JSON line to a log, so a test sees exactly the argv a launch produced.
 */
export function makeFakeEditors(names: string[]): FakeEditors {
  const dir = mkdtempSync(path.join(tmpdir(), 'kolo-fake-editor-'))
  const bin = path.join(dir, 'bin')
  const home = path.join(dir, 'home')
  mkdirSync(bin)
  mkdirSync(home)
  const log = path.join(dir, 'argv.log')
  const script = [
    `#!${process.execPath}`,
    "const fs = require('fs')",
    "const name = require('path').basename(process.argv[1])",
    `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({name, argv: process.argv.slice(2)}) + '\\n')`,
    '',
  ].join('\n')
  for (const name of names) {
    const file = path.join(bin, name)
    writeFileSync(file, script)
    chmodSync(file, 0o755)
  }
  const calls = () =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter(l => l !== '')
          .map(l => JSON.parse(l) as {name: string; argv: string[]})
      : []
  return {
    dir,
    bin,
    log,
    host: {platform: 'linux', env: {PATH: bin}, home},
    calls,
    async waitForCalls(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs
      while (calls().length < count && Date.now() < until) {
        await new Promise(r => setTimeout(r, 20))
      }
      return calls()
    },
  }
}
