import {existsSync, mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeEach, describe, expect, it} from 'vitest'
import type {EditorPresetId} from '../../../shared/api/source-contract'
import {expandTemplate, splitWords} from './command-template'
import {detectEditors} from './detect'
import {makeFakeEditors} from '../testing/fake-editor'
import {guardTarget, planLaunch, spawnDetached} from './launch'

const fake = makeFakeEditors([
  'code',
  'cursor',
  'windsurf',
  'pycharm',
  'idea',
  'subl',
  'zed',
  'nvim',
  'vim',
  'emacs',
  'x-terminal-emulator',
  'xdg-open',
  'myedit',
])
const bin = (name: string) => path.join(fake.bin, name)

// A file name built to break anything that lets a shell see it: spaces, both quotes, `;`,
// `$(…)`, backticks, `&&` and a leading `-`, in a folder with the same.
const hostileDir = path.join(fake.dir, `src; $(touch PWNED-dir) 'q'`)
const hostile = path.join(hostileDir, `-rf "x" 'y'; $(touch PWNED) \`touch PWNED2\` && echo.py`)
mkdirSync(hostileDir)
writeFileSync(hostile, 'print(1)\n')

beforeEach(() => rmSync(fake.log, {force: true}))
afterAll(() => rmSync(fake.dir, {recursive: true, force: true}))

async function launch(preset: EditorPresetId, file: string, template?: string, column?: number) {
  const plan = planLaunch({preset, template}, {file, line: 24, column}, fake.host)
  await spawnDetached(plan.command, plan.args)
  const calls = await fake.waitForCalls(1)
  expect(calls).toHaveLength(1)
  return {plan, call: calls[0]!}
}

describe('editor presets start the editor with the right argv', () => {
  const file = path.join(fake.dir, 'shelf', 'services.py')
  it.each<[EditorPresetId, string, string[]]>([
    ['vscode', 'code', ['-g', `${file}:24:5`]],
    ['cursor', 'cursor', ['-g', `${file}:24:5`]],
    ['windsurf', 'windsurf', ['-g', `${file}:24:5`]],
    ['pycharm', 'pycharm', ['--line', '24', '--column', '5', file]],
    ['idea', 'idea', ['--line', '24', '--column', '5', file]],
    ['sublime', 'subl', [`${file}:24:5`]],
    ['zed', 'zed', [`${file}:24:5`]],
    ['nvim', 'x-terminal-emulator', ['-e', bin('nvim'), '+call cursor(24, 5)', '--', file]],
    ['vim', 'x-terminal-emulator', ['-e', bin('vim'), '+call cursor(24, 5)', '--', file]],
    ['emacs', 'x-terminal-emulator', ['-e', bin('emacs'), '-nw', '+24:5', file]],
    ['system', 'xdg-open', [file]],
  ])('%s runs %s', async (preset, name, argv) => {
    const {call} = await launch(preset, file, undefined, 5)
    expect(call).toEqual({name, argv})
  })

  it('puts the line alone when there is no column (vim)', async () => {
    const {call} = await launch('nvim', file)
    expect(call.argv).toEqual(['-e', bin('nvim'), '+24', '--', file])
  })

  it('runs a custom command template without a shell', async () => {
    const {call} = await launch('custom', file, `myedit --goto "{file}:{line}:{column}" -n`, 3)
    expect(call).toEqual({name: 'myedit', argv: ['--goto', `${file}:24:3`, '-n']})
  })

  it('opens a custom URL template with the system opener, the path encoded', async () => {
    const {call} = await launch('custom', '/src/a b.py', 'vscode://file{file}:{line}')
    expect(call).toEqual({name: 'xdg-open', argv: ['vscode://file/src/a%20b.py:24']})
  })

  it('falls back to a JetBrains Toolbox URL when only the Toolbox is installed', () => {
    mkdirSync(path.join(fake.host.home, '.local/share/JetBrains/Toolbox'), {recursive: true})
    const plan = planLaunch(
      {preset: 'webstorm'},
      {file: '/work/shop/app/x.py', line: 10, projectRoot: '/work/shop'},
      fake.host,
    )
    expect(plan.args).toEqual([
      'jetbrains://web-storm/navigate/reference?project=shop&path=app%2Fx.py:9',
    ])
    rmSync(path.join(fake.host.home, '.local'), {recursive: true})
  })

  it('says which editor is missing', () => {
    expect(() => planLaunch({preset: 'rider'}, {file, line: 1}, fake.host)).toThrow(
      /Rider was not found/,
    )
  })
})

describe('a hostile file name reaches the editor as one literal argument', () => {
  it.each<[EditorPresetId, string | undefined]>([
    ['vscode', undefined],
    ['pycharm', undefined],
    ['sublime', undefined],
    ['nvim', undefined],
    ['emacs', undefined],
    ['system', undefined],
    ['custom', 'myedit {file} +{line}'],
    ['custom', 'myedit --line={line}'],
  ])('%s %s', async (preset, template) => {
    const {call} = await launch(preset, hostile, template)
    const joined = call.argv.join('\n')
    expect(joined).toContain(hostile)
    // The path is one argument (or the tail of a `file:line:col` one), never split or re-parsed.
    expect(call.argv.some(a => a === hostile || a.startsWith(hostile + ':'))).toBe(true)
    expect(readdirSync(fake.dir).filter(n => n.startsWith('PWNED'))).toEqual([])
    expect(readdirSync(hostileDir).filter(n => n.startsWith('PWNED'))).toEqual([])
    expect(existsSync(path.join(process.cwd(), 'PWNED'))).toBe(false)
  })

  it('makes a path with a leading - absolute, so it is never an option', () => {
    expect(guardTarget({file: '-rf.py', line: 0}).file).toBe(path.resolve('-rf.py'))
    const plan = planLaunch({preset: 'pycharm'}, {file: '--help', line: 2.7}, fake.host)
    expect(plan.args).toEqual(['--line', '2', path.resolve('--help')])
  })
})

describe('templates', () => {
  it('splits words once, with quotes and no expansion', () => {
    expect(splitWords(`a "b c" 'd $(e)' f\\ g "h\\"i" C:\\x\\y`)).toEqual([
      'a',
      'b c',
      'd $(e)',
      'f g',
      'h"i',
      'C:\\x\\y',
    ])
    expect(() => splitWords('a "b')).toThrow(/unclosed/)
  })
  it('refuses a placeholder as the command', () => {
    expect(() => expandTemplate('{file} x', {file: '/a.py', line: 1})).toThrow(/placeholder/)
  })
  it('appends the file when the template has no {file}', () => {
    expect(expandTemplate('ed --line {line}', {file: '/a b.py', line: 3})).toEqual({
      kind: 'command',
      command: 'ed',
      args: ['--line', '3', '/a b.py'],
    })
  })
})

describe('console editors without a terminal emulator', () => {
  it('are not offered, and say why when chosen', () => {
    const bare = makeFakeEditors(['nvim'])
    try {
      const nvim = detectEditors(bare.host).find(e => e.id === 'nvim')
      expect(nvim).toMatchObject({installed: false})
      expect(() => planLaunch({preset: 'nvim'}, {file: '/a.py', line: 1}, bare.host)).toThrow(
        /terminal emulator/,
      )
      const withEnv = {...bare.host, env: {...bare.host.env, TERMINAL: path.join(bare.bin, 'nvim')}}
      expect(planLaunch({preset: 'nvim'}, {file: '/a.py', line: 1}, withEnv).args).toEqual([
        '-e',
        path.join(bare.bin, 'nvim'),
        '+1',
        '--',
        '/a.py',
      ])
    } finally {
      rmSync(bare.dir, {recursive: true, force: true})
    }
  })
})

describe('detection', () => {
  it('finds launchers on PATH and reports the rest as missing', () => {
    const byId = new Map(detectEditors(fake.host).map(e => [e.id, e]))
    expect(byId.get('vscode')).toMatchObject({
      installed: true,
      command: bin('code'),
      via: 'command',
    })
    expect(byId.get('nvim')).toMatchObject({installed: true, via: 'terminal'})
    expect(byId.get('rider')).toMatchObject({installed: false})
    expect(byId.get('system')).toMatchObject({installed: true, via: 'system'})
  })
})
