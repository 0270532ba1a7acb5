import type {PythonImports} from './python-imports'
import type {ReportBuilder} from './report'
import type {SchemaIndex} from './schema'

/**
 * The names the test gives models and variables.
 *
 * A resolved table imports its real model class; an unresolved one is looked up by db_table at
 * run time (`model_for_table("app_thing")`), never guessed from its name.
 */
export class ModelNames {
  private readonly refs = new Map<string, string>()
  private readonly lookups: [string, string][] = []
  private readonly taken = new Set<string>()

  constructor(
    private readonly index: SchemaIndex,
    private readonly imports: PythonImports,
    private readonly report: ReportBuilder,
  ) {}

  /** The name of the model class of `table` in the test. */
  ref(table: string): string {
    const known = this.refs.get(table)
    if (known) return known
    const model = this.index.model(table)
    let name: string
    if (model?.through && this.index.model(model.through.ownerTable)) {
      name = `${this.ref(model.through.ownerTable)}.${model.through.field}.through`
    } else if (model && model.module !== '') {
      const clash = [...this.refs.values()].includes(model.className)
      const alias = clash
        ? `${camel(model.appLabel ?? model.module.split('.')[0]!)}${model.className}`
        : undefined
      name = this.imports.from(
        model.module,
        alias ? `${model.className} as ${alias}` : model.className,
      )
    } else {
      name = this.unique(camel(table))
      this.lookups.push([name, table])
      this.report.unresolved.add(table)
    }
    this.refs.set(table, name)
    return name
  }

  /** The class name as reprs show it (`Book`), for a table. */
  className(table: string): string {
    return this.index.model(table)?.className ?? camel(table)
  }

  /** Module-level lines that look unresolved models up by db_table. */
  runtimeLookups(): [string, string][] {
    return this.lookups
  }

  /** A fresh variable name from a wish (`author_1`), suffixed when taken. */
  unique(wish: string): string {
    let name = wish
    for (let n = 2; this.taken.has(name); n++) name = `${wish}_${n}`
    this.taken.add(name)
    return name
  }

  /** Marks a name as used (module-level names, the response, helpers). */
  reserve(name: string): void {
    this.taken.add(name)
  }
}

/** `OrderItem` → `order_item`. */
export function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase()
}

/** `shelf_book` → `ShelfBook`, `add_review` → `AddReview`. */
export function camel(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(p => p[0]!.toUpperCase() + p.slice(1))
    .join('')
}
