/** The imports a generated module needs, printed in isort's sections (stdlib, third party, project). */
export class PythonImports {
  private readonly froms = new Map<string, Set<string>>()
  private readonly plain = new Set<string>()

  /** `from module import name` (or `name as alias` given as `name as alias`). */
  from(module: string, name: string): string {
    let names = this.froms.get(module)
    if (!names) this.froms.set(module, (names = new Set()))
    names.add(name)
    const as = / as (\w+)$/.exec(name)
    return as ? as[1]! : name
  }

  /** `import module`; returns the module name to use in code. */
  module(module: string): string {
    this.plain.add(module)
    return module
  }

  /** The import block: stdlib, then django/pytest and other libraries, then the project. */
  lines(projectModules: ReadonlySet<string>): string[] {
    const sections: string[][] = [[], [], []]
    const sectionOf = (module: string): number => {
      const top = module.split('.')[0]!
      if (stdlib.has(top)) return 0
      if (projectModules.has(top)) return 2
      return 1
    }
    const entries: [number, string, string][] = []
    for (const m of this.plain) entries.push([sectionOf(m), m, `import ${m}`])
    for (const [m, names] of this.froms) {
      const list = [...names].sort((a, b) => a.localeCompare(b, 'en', {caseFirst: 'upper'}))
      entries.push([sectionOf(m), m, `from ${m} import ${list.join(', ')}`])
    }
    // isort: plain imports before from-imports within a section, each sorted by module.
    entries.sort(
      (a, b) =>
        a[0] - b[0] ||
        Number(a[2].startsWith('from')) - Number(b[2].startsWith('from')) ||
        a[1].localeCompare(b[1]),
    )
    for (const [section, , line] of entries) sections[section]!.push(wrapImport(line))
    const out: string[] = []
    for (const section of sections) {
      if (section.length === 0) continue
      if (out.length > 0) out.push('')
      out.push(...section)
    }
    return out
  }
}

function wrapImport(line: string): string {
  if (line.length <= 88 || !line.startsWith('from ')) return line
  const [head, names] = line.split(' import ') as [string, string]
  return `${head} import (\n${names
    .split(', ')
    .map(n => `    ${n},`)
    .join('\n')}\n)`
}

const stdlib = new Set(
  (
    'asyncio base64 collections concurrent csv datetime decimal email functools hashlib http io ' +
    'itertools json logging os pathlib re smtplib socket sqlite3 ssl subprocess typing unittest ' +
    'urllib uuid xml zoneinfo'
  ).split(' '),
)
