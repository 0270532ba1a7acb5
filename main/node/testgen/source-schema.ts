import fs from 'node:fs'
import path from 'node:path'
import type {ProjectSchema} from '../../../shared/testgen/schema'
import {contribModels} from './contrib-models'
import {resolveModels} from './model-resolve'
import type {FoundClass} from './model-resolve'
import {parseModelClasses, pyLiteralValue} from './python-models'

const skipDirs = new Set([
  'node_modules',
  '__pycache__',
  'site-packages',
  'dist-packages',
  'migrations',
  'static',
  'media',
  'templates',
  'venv',
  'env',
  'build',
  'dist',
])
const maxFiles = 2000
const maxDepth = 7

/**
 * The project's Django models read from its source: `models.py` files and `models/` packages
 * (plus `fields.py` for custom fields), app labels from `apps.py` or the folder, `db_table` and
 * other Meta options, fields with their types, nullability, defaults and relations, `__str__`.
 * Common contrib models (auth, contenttypes, sessions) are known without their source.
 */
export function schemaFromSource(root: string): ProjectSchema {
  const notes: string[] = []
  const pythonRoot = findPythonRoot(root)
  const files = modelFiles(pythonRoot)
  if (files.length >= maxFiles) notes.push(`only the first ${maxFiles} model files were read`)
  const classes = new Map<string, FoundClass>()
  for (const file of files) {
    let text: string
    try {
      text = fs.readFileSync(file, 'utf8')
    } catch {
      continue
    }
    const rel = path.relative(pythonRoot, file).replace(/\\/g, '/').replace(/\.py$/, '')
    const module = rel
      .replace(/\/__init__$/, '')
      .split('/')
      .join('.')
    const appLabel = appLabelFor(path.dirname(file), pythonRoot)
    for (const parsed of parseModelClasses(text)) {
      // The first definition wins: models.py before a same-named class in fields.py or tests.
      if (!classes.has(parsed.name)) classes.set(parsed.name, {parsed, module, appLabel})
    }
  }
  const settings = settingsTexts(pythonRoot)
  const userModel = pyLiteralValue(setting(settings, 'AUTH_USER_MODEL'))
  const models = resolveModels(
    classes,
    typeof userModel === 'string' ? userModel.split('.').pop()! : 'User',
  )
  for (const c of contribModels()) if (!models.some(m => m.table === c.table)) models.push(c)
  // USE_TZ defaults to True as startproject writes it (and as Django 5 does).
  return {models, origin: 'source', useTz: setting(settings, 'USE_TZ') !== 'False', notes}
}

/** The folder Python imports the project from: where manage.py is (one level down at most). */
export function findPythonRoot(root: string): string {
  if (fs.existsSync(path.join(root, 'manage.py'))) return root
  for (const sub of ['src', 'app', 'backend', ...safeList(root)]) {
    if (fs.existsSync(path.join(root, sub, 'manage.py'))) return path.join(root, sub)
  }
  return root
}

function safeList(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, {withFileTypes: true})
      .filter(d => d.isDirectory() && !d.name.startsWith('.'))
      .map(d => d.name)
  } catch {
    return []
  }
}

/** models.py, models/*.py and fields.py below the root, bounded. */
function modelFiles(root: string): string[] {
  const out: string[] = []
  const walk = (dir: string, depth: number, inModels: boolean): void => {
    if (depth > maxDepth || out.length >= maxFiles) return
    let entries: fs.Dirent[]
    try {
      entries = fs.readdirSync(dir, {withFileTypes: true})
    } catch {
      return
    }
    entries.sort((a, b) => a.name.localeCompare(b.name))
    for (const e of entries) {
      if (e.name.startsWith('.')) continue
      const full = path.join(dir, e.name)
      if (e.isDirectory()) {
        if (skipDirs.has(e.name)) continue
        walk(full, depth + 1, e.name === 'models')
      } else if (e.isFile() && e.name.endsWith('.py')) {
        if (inModels || e.name === 'models.py' || e.name === 'fields.py') out.push(full)
      }
    }
  }
  walk(root, 0, false)
  // models.py first, then packages, then fields.py: model definitions take precedence.
  return out.sort((a, b) => rank(a) - rank(b))
}

function rank(file: string): number {
  const base = path.basename(file)
  if (base === 'models.py') return 0
  if (base === 'fields.py') return 2
  return 1
}

/** An app's label: `label` or the last part of `name` in its apps.py, else its folder's name. */
function appLabelFor(dir: string, root: string): string {
  let appDir = dir
  if (path.basename(appDir) === 'models') appDir = path.dirname(appDir)
  try {
    const apps = fs.readFileSync(path.join(appDir, 'apps.py'), 'utf8')
    const label = /^\s+label\s*=\s*["']([\w]+)["']/m.exec(apps)?.[1]
    if (label) return label
    const name = /^\s+name\s*=\s*["']([\w.]+)["']/m.exec(apps)?.[1]
    if (name) return name.slice(name.lastIndexOf('.') + 1)
  } catch {
    // no apps.py: the folder names the app
  }
  return path.relative(root, appDir) === '' ? path.basename(root) : path.basename(appDir)
}

/** The project's settings files (settings.py, settings/*.py, settings_*.py), bounded. */
function settingsTexts(root: string): string[] {
  const candidates: string[] = []
  const walk = (dir: string, depth: number): void => {
    if (depth > 3) return
    for (const name of safeEntries(dir)) {
      const full = path.join(dir, name)
      if (name.startsWith('.') || skipDirs.has(name)) continue
      if (/^settings.*\.py$/.test(name)) candidates.push(full)
      else if (name === 'settings' || !name.includes('.')) walk(full, depth + 1)
    }
  }
  walk(root, 0)
  const texts: string[] = []
  for (const file of candidates) {
    try {
      texts.push(fs.readFileSync(file, 'utf8'))
    } catch {
      // unreadable: skip it
    }
  }
  return texts
}

/** A top-level `NAME = literal` of the settings, as source text. */
function setting(texts: string[], name: string): string | undefined {
  for (const text of texts) {
    const m = new RegExp(`^${name}\\s*=\\s*(.+?)\\s*(?:#.*)?$`, 'm').exec(text)
    if (m) return m[1]
  }
  return undefined
}

function safeEntries(dir: string): string[] {
  try {
    return fs.readdirSync(dir)
  } catch {
    return []
  }
}
