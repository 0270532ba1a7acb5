import path from 'node:path'
import type {EditorPresetId} from '../../../shared/api/source-contract'

/** A file position to open: an absolute path, 1-based line and column. */
export interface EditorTarget {
  file: string
  line: number
  column?: number
  /** The project's source root, for editors that address files by project (JetBrains URLs). */
  projectRoot?: string
}

/** Where we are: the platform, the environment (PATH, HOME, LOCALAPPDATA, TERMINAL) and home. */
export interface EditorHost {
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
  home: string
}

/** How one editor is found and started. */
export interface EditorPreset {
  id: EditorPresetId
  label: string
  /** 'terminal': a console editor run inside a terminal emulator. */
  kind: 'gui' | 'terminal' | 'system' | 'custom'
  /** Launcher names looked up on PATH. */
  names: string[]
  /** Absolute launcher paths in known install folders (may contain a `*` folder wildcard). */
  installPaths: (host: EditorHost) => string[]
  /** The arguments for a target (the launcher is the command). */
  args: (t: EditorTarget) => string[]
  /** The JetBrains Toolbox tool tag, for the `jetbrains://` fallback URL. */
  toolboxTag?: string
}

const pos = (t: EditorTarget) => `${t.file}:${t.line}:${t.column ?? 1}`
const vscodeArgs = (t: EditorTarget) => ['-g', pos(t)]
const jetbrainsArgs = (t: EditorTarget) => [
  '--line',
  String(t.line),
  ...(t.column ? ['--column', String(t.column)] : []),
  t.file,
]
// `--` ends vim's options, so even a file name that looks like one is a file.
const vimArgs = (t: EditorTarget) => [
  t.column ? `+call cursor(${t.line}, ${t.column})` : `+${t.line}`,
  '--',
  t.file,
]

function appPaths(host: EditorHost, mac: string[], linux: string[], win: string[]): string[] {
  const local = host.env.LOCALAPPDATA ?? path.join(host.home, 'AppData', 'Local')
  const fill = (p: string) => p.replace('~', host.home).replace('%LOCALAPPDATA%', local)
  if (host.platform === 'darwin') {
    return mac.flatMap(p => [p, path.join(host.home, p)]).map(fill)
  }
  if (host.platform === 'win32') return win.map(fill)
  return linux.map(fill)
}

function codeLike(
  id: EditorPresetId,
  label: string,
  name: string,
  macApp: string,
  linux: string[],
  winExe: string,
): EditorPreset {
  return {
    id,
    label,
    kind: 'gui',
    names: [name],
    installPaths: host =>
      appPaths(
        host,
        [`/Applications/${macApp}.app/Contents/Resources/app/bin/${name}`],
        linux,
        // The .cmd shims need a shell on Windows; the .exe takes the same arguments.
        [`%LOCALAPPDATA%\\Programs\\${winExe}`],
      ),
    args: vscodeArgs,
  }
}

function jetbrains(
  id: EditorPresetId,
  label: string,
  names: string[],
  macApps: string[],
  toolboxTag: string,
): EditorPreset {
  const script = names[0]!
  return {
    id,
    label,
    kind: 'gui',
    names,
    installPaths: host => [
      ...appPaths(
        host,
        [
          ...macApps.map(app => `/Applications/${app}.app/Contents/MacOS/${script.split('-')[0]}`),
          `~/Library/Application Support/JetBrains/Toolbox/scripts/${script}`,
        ],
        [
          `~/.local/share/JetBrains/Toolbox/scripts/${script}`,
          ...names.map(n => `/snap/bin/${n}`),
          `/opt/${script}*/bin/${script.split('-')[0]}.sh`,
        ],
        [],
      ),
    ],
    args: jetbrainsArgs,
    toolboxTag,
  }
}

/** Every preset, in the order the UI lists them and detection prefers them. */
export const editorPresets: readonly EditorPreset[] = [
  codeLike(
    'vscode',
    'VS Code',
    'code',
    'Visual Studio Code',
    ['/usr/share/code/bin/code', '/snap/bin/code'],
    'Microsoft VS Code\\Code.exe',
  ),
  codeLike(
    'cursor',
    'Cursor',
    'cursor',
    'Cursor',
    ['~/.local/bin/cursor', '/usr/share/cursor/bin/cursor', '/opt/cursor/resources/app/bin/cursor'],
    'cursor\\Cursor.exe',
  ),
  codeLike(
    'windsurf',
    'Windsurf',
    'windsurf',
    'Windsurf',
    ['/usr/share/windsurf/bin/windsurf'],
    'Windsurf\\Windsurf.exe',
  ),
  codeLike(
    'vscode-insiders',
    'VS Code Insiders',
    'code-insiders',
    'Visual Studio Code - Insiders',
    ['/usr/share/code-insiders/bin/code-insiders', '/snap/bin/code-insiders'],
    'Microsoft VS Code Insiders\\Code - Insiders.exe',
  ),
  jetbrains(
    'pycharm',
    'PyCharm',
    ['pycharm', 'charm', 'pycharm-professional', 'pycharm.sh'],
    ['PyCharm', 'PyCharm Professional Edition'],
    'pycharm',
  ),
  jetbrains(
    'pycharm-community',
    'PyCharm Community',
    ['pycharm-community', 'pycharm-ce'],
    ['PyCharm CE', 'PyCharm Community Edition'],
    'pycharm',
  ),
  jetbrains(
    'idea',
    'IntelliJ IDEA',
    ['idea', 'intellij-idea-ultimate', 'intellij-idea-community', 'idea.sh'],
    ['IntelliJ IDEA', 'IntelliJ IDEA CE'],
    'idea',
  ),
  jetbrains('webstorm', 'WebStorm', ['webstorm', 'webstorm.sh'], ['WebStorm'], 'web-storm'),
  jetbrains('goland', 'GoLand', ['goland', 'goland.sh'], ['GoLand'], 'goland'),
  jetbrains('phpstorm', 'PhpStorm', ['phpstorm', 'phpstorm.sh'], ['PhpStorm'], 'php-storm'),
  jetbrains('rubymine', 'RubyMine', ['rubymine', 'rubymine.sh'], ['RubyMine'], 'rubymine'),
  jetbrains('clion', 'CLion', ['clion', 'clion.sh'], ['CLion'], 'clion'),
  jetbrains('rider', 'Rider', ['rider', 'rider.sh'], ['Rider'], 'rider'),
  {
    id: 'sublime',
    label: 'Sublime Text',
    kind: 'gui',
    names: ['subl', 'sublime_text'],
    installPaths: host =>
      appPaths(
        host,
        ['/Applications/Sublime Text.app/Contents/SharedSupport/bin/subl'],
        ['/opt/sublime_text/sublime_text', '/snap/bin/subl'],
        [
          'C:\\Program Files\\Sublime Text\\subl.exe',
          'C:\\Program Files\\Sublime Text 3\\subl.exe',
        ],
      ),
    args: t => [pos(t)],
  },
  {
    id: 'zed',
    label: 'Zed',
    kind: 'gui',
    names: ['zed', 'zeditor', 'zedit', 'zed-editor'],
    installPaths: host =>
      appPaths(host, ['/Applications/Zed.app/Contents/MacOS/cli'], ['~/.local/bin/zed'], []),
    args: t => [pos(t)],
  },
  {
    id: 'nvim',
    label: 'Neovim (terminal)',
    kind: 'terminal',
    names: ['nvim'],
    installPaths: host => appPaths(host, ['/opt/homebrew/bin/nvim', '/usr/local/bin/nvim'], [], []),
    args: vimArgs,
  },
  {
    id: 'vim',
    label: 'Vim (terminal)',
    kind: 'terminal',
    names: ['vim'],
    installPaths: host => appPaths(host, ['/opt/homebrew/bin/vim', '/usr/bin/vim'], [], []),
    args: vimArgs,
  },
  {
    id: 'emacs',
    label: 'Emacs (terminal)',
    kind: 'terminal',
    names: ['emacs'],
    installPaths: host =>
      appPaths(host, ['/opt/homebrew/bin/emacs', '/usr/local/bin/emacs'], [], []),
    args: t => ['-nw', `+${t.line}:${t.column ?? 1}`, t.file],
  },
  {
    id: 'system',
    label: 'System default',
    kind: 'system',
    names: [],
    installPaths: () => [],
    args: t => [t.file],
  },
  {
    id: 'custom',
    label: 'Custom command or URL',
    kind: 'custom',
    names: [],
    installPaths: () => [],
    args: t => [t.file],
  },
]

/** The preset with this id. */
export function presetById(id: EditorPresetId): EditorPreset {
  const preset = editorPresets.find(p => p.id === id)
  if (!preset) throw new Error(`Unknown editor preset ${id}`)
  return preset
}

/**
 * The JetBrains Toolbox URL for a target: `jetbrains://<tool>/navigate/reference?project=&path=`.
 *
 * Toolbox addresses a file by project name and a path inside the project with a 0-based line
 * after a colon (as IDE "Copy reference" links do); files outside the project root go absolute.
 */
export function toolboxUrl(tag: string, t: EditorTarget): string {
  const root = t.projectRoot
  const inside = root !== undefined && !path.relative(root, t.file).startsWith('..')
  const project = root ? path.basename(root) : path.basename(path.dirname(t.file))
  const file = inside && root ? path.relative(root, t.file).split(path.sep).join('/') : t.file
  const q = (s: string) => encodeURIComponent(s)
  return `jetbrains://${tag}/navigate/reference?project=${q(project)}&path=${q(file)}:${t.line - 1}`
}
