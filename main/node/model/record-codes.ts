import type {RecordTable} from '../decode/decoded-trace'

/** What a record does to the tree (kolo-format.md §7). */
export const Rec = {
  skip: 0, // `event: "line"`, unknown plugin types, anything Kolo skips
  dropped: 1, // removed by pre-processing (§7.1)
  openFrame: 2,
  closeFrame: 3,
  openRequest: 4,
  closeRequest: 5,
  openSql: 6,
  closeSql: 7,
  openOutbound: 8,
  closeOutbound: 9,
  openTest: 10,
  closeTest: 11,
  openTemplate: 12,
  closeTemplate: 13,
  openJob: 14,
  closeJob: 15,
  openSetup: 16,
  closeSetup: 17,
  log: 18,
  flushed: 19,
  exception: 20,
} as const

const byType: Record<string, number> = {
  django_request: Rec.openRequest,
  django_response: Rec.closeRequest,
  start_sql_query: Rec.openSql,
  end_sql_query: Rec.closeSql,
  outbound_http_request: Rec.openOutbound,
  outbound_http_response: Rec.closeOutbound,
  start_test: Rec.openTest,
  end_test: Rec.closeTest,
  django_template_start: Rec.openTemplate,
  django_template_end: Rec.closeTemplate,
  background_job: Rec.openJob,
  background_job_end: Rec.closeJob,
  django_setup_start: Rec.openSetup,
  django_setup_end: Rec.closeSetup,
  django_checks_start: Rec.openSetup,
  django_checks_end: Rec.closeSetup,
  django_create_test_db_start: Rec.openSetup,
  django_create_test_db_end: Rec.closeSetup,
  log_message: Rec.log,
  subtree_flushed: Rec.flushed,
  exception: Rec.exception,
}

// Types Kolo writes that the tree deliberately ignores: not worth a warning.
const knownSkipped = new Set(['frame', 'sql_query_data'])

const URLLIB3_URLOPEN = 'urllib3.connectionpool.HTTPConnectionPool.urlopen'
const CELERY_APPLY_ASYNC = 'celery.app.task.Task.apply_async'

/** The code of a frame event: opening, closing or skipped. `event` is tested before `type`. */
export function eventCode(event: string): number {
  if (event === 'call' || event === 'resume' || event === 'throw') return Rec.openFrame
  if (event === 'return' || event === 'unwind' || event === 'yield') return Rec.closeFrame
  return Rec.skip
}

/** The code of a record by its `type` (no `event`). */
export function typeCode(type: unknown): number {
  return typeof type === 'string' ? (byType[type] ?? Rec.skip) : Rec.skip
}

/** Result of classifying and pre-processing one thread's records. */
export interface Classified {
  codes: Uint8Array
  /** Record types that were skipped and are not known to Kolo, with counts. */
  unknownTypes: Map<string, number>
}

/**
 * Classify records `[from, to)` of `records` into `codes` and apply Kolo's pre-processing (§7.1).
 *
 * Drops urllib3's urlopen frames; background_job records when no background_job_end exists,
 * else celery's apply_async frames; SQL start/end pairs whose end has a null `query` (a log_message
 * may sit between them) and lone ends with a null query.
 */
export function classify(
  records: RecordTable,
  from: number,
  to: number,
  codes: Uint8Array,
  unknownTypes: Map<string, number>,
): void {
  const jobs: number[] = []
  const applyAsync: number[] = []
  let jobEnds = 0
  const eventOf = records.reader('event')
  const qualnameOf = records.reader('qualname')
  const typeOf = records.reader('type')
  for (let i = from; i < to; i++) {
    const event = eventOf(i)
    let code: number
    if (typeof event === 'string') {
      code = eventCode(event)
      if (code !== Rec.skip) {
        const qualname = qualnameOf(i)
        if (qualname === URLLIB3_URLOPEN) code = Rec.dropped
        else if (qualname === CELERY_APPLY_ASYNC) applyAsync.push(i)
      }
    } else {
      const type = typeOf(i)
      code = typeCode(type)
      if (code === Rec.skip && typeof type === 'string' && !knownSkipped.has(type)) {
        unknownTypes.set(type, (unknownTypes.get(type) ?? 0) + 1)
      } else if (code === Rec.skip && typeof type !== 'string') {
        unknownTypes.set('(no type)', (unknownTypes.get('(no type)') ?? 0) + 1)
      } else if (code === Rec.openJob) jobs.push(i)
      else if (code === Rec.closeJob) jobEnds++
      else if (code === Rec.closeSql && records.get(i, 'query') == null) {
        code = Rec.dropped
        if (i - 1 >= from && codes[i - 1] === Rec.openSql) codes[i - 1] = Rec.dropped
        else if (i - 2 >= from && codes[i - 1] === Rec.log && codes[i - 2] === Rec.openSql) {
          codes[i - 2] = Rec.dropped
        }
      }
    }
    codes[i] = code
  }
  for (const i of jobEnds === 0 ? jobs : applyAsync) codes[i] = Rec.dropped
}
