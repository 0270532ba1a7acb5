import type {CellContext} from './cell-values'
import type {ModelNames} from './model-names'
import type {PythonImports} from './python-imports'
import type {ReportBuilder} from './report'
import type {SchemaIndex} from './schema'
import type {StyleWriter} from './test-style'

/** What every part of the generator shares while one test is built. */
export interface GenCore {
  index: SchemaIndex
  cell: CellContext
  imports: PythonImports
  names: ModelNames
  report: ReportBuilder
  style: StyleWriter
}
