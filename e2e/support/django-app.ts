import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** The Python that runs the generated tests: Debian's, with python3-django. */
export const python = process.env.KOLO_PYTHON ?? '/usr/bin/python3'

/** Whether `python` can import Django, and its version or why not. */
export function djangoStatus(): {ok: true; version: string} | {ok: false; reason: string} {
  const r = spawnSync(python, ['-c', 'import django; print(django.get_version())'], {
    encoding: 'utf8',
    timeout: 30_000,
  })
  if (r.error) return {ok: false, reason: `${python} cannot run: ${r.error.message}`}
  if (r.status !== 0) {
    return {ok: false, reason: `${python} cannot import django (apt-get install python3-django)`}
  }
  return {ok: true, version: r.stdout.trim()}
}

/** What one test run said about each test module it was given. */
export type Outcome = 'ok' | 'FAIL' | 'ERROR' | 'missing'

/** A throw-away copy of a Django app (no .kolo/, its own database) to run generated tests in. */
export class AppCopy {
  readonly dir: string

  constructor(
    source: string,
    readonly settings: string,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kolo-testgen-app-'))
    fs.cpSync(source, this.dir, {
      recursive: true,
      filter: src => path.basename(src) !== '.kolo' && !src.includes('__pycache__'),
    })
    makeWritable(this.dir)
  }

  /** Writes a test module at `relative` (e.g. `shelf/test_kolo_1.py`). */
  write(relative: string, code: string): void {
    fs.writeFileSync(path.join(this.dir, relative), code)
  }

  /** Replaces `from` by `to` in a file of the copy; throws when `from` is not there. */
  mutate(relative: string, from: string, to: string): void {
    const file = path.join(this.dir, relative)
    const text = fs.readFileSync(file, 'utf8')
    if (!text.includes(from)) {
      throw new Error(`mutation: ${relative} does not contain ${JSON.stringify(from)}`)
    }
    fs.writeFileSync(file, text.replace(from, to))
  }

  /**
   * Runs `manage.py test` on the labels (dotted module names) with a temp database and returns
   * each label's outcome (the worst of its tests), with the runner's output for messages.
   */
  run(labels: string[]): {outcomes: Map<string, Outcome>; output: string} {
    const r = spawnSync(
      python,
      ['manage.py', 'test', '-v', '2', '--noinput', `--settings=${this.settings}`, ...labels],
      {
        cwd: this.dir,
        encoding: 'utf8',
        timeout: 300_000,
        env: {
          ...process.env,
          SHELF_DB: path.join(this.dir, 'db.sqlite3'),
          PYTHONDONTWRITEBYTECODE: '1',
        },
      },
    )
    const output = `${r.stdout}\n${r.stderr}`
    const outcomes = new Map<string, Outcome>(labels.map(l => [l, 'missing']))
    const labelOf = (name: string, where: string): string | undefined =>
      labels.find(l => `${where}.`.startsWith(`${l}.`)) ??
      // A module that failed to import shows as unittest.loader._FailedTest named after it.
      (where.startsWith('unittest.loader') ? labels.find(l => l.endsWith(`.${name}`)) : undefined)
    const finished = /^Ran \d+ tests? in /m.test(output)
    for (const m of output.matchAll(/^(\w+) \(([\w.]+)\) \.\.\. /gm)) {
      const label = labelOf(m[1]!, m[2]!)
      if (label && finished && outcomes.get(label) === 'missing') outcomes.set(label, 'ok')
    }
    for (const m of output.matchAll(/^(FAIL|ERROR): (\w+) \(([\w.]+)\)/gm)) {
      const label = labelOf(m[2]!, m[3]!)
      if (!label) continue
      if (outcomes.get(label) !== 'ERROR') outcomes.set(label, m[1] as Outcome)
    }
    return {outcomes, output}
  }

  remove(): void {
    fs.rmSync(this.dir, {recursive: true, force: true})
  }
}

function makeWritable(dir: string): void {
  fs.chmodSync(dir, 0o755)
  for (const e of fs.readdirSync(dir, {withFileTypes: true})) {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) makeWritable(full)
    else fs.chmodSync(full, 0o644)
  }
}
