/** One row of a project's trace list. */
export interface TraceSummary {
  id: string
  /** As Kolo names it: "200 GET /books/", "BookListTests.test_api_pages", a kolo.enable name. */
  name: string
  /** ISO 8601 UTC. */
  createdAt: string
  method?: string
  path?: string
  status?: number
  durationMs?: number
  recordCount?: number
  /** SQL queries in the trace, if counted. */
  queryCount?: number
  /** Queries that repeat an earlier one exactly (same SQL, same parameters). */
  duplicateQueryCount?: number
  /** Time spent in SQL queries, in ms. */
  sqlTimeMs?: number
  /** Kind of trace: a served request, a test, a `kolo run`/`kolo.enable` capture. */
  kind: 'request' | 'test' | 'script'
  /** Where the body is: 'sqlite-msgpack', 'sqlite-json', 'invocations-json', 'raw-kolo', 'raw-msgpack'. */
  storage: string
  sizeBytes?: number
  /** Set when the summary could not be read: the message says why; the row still lists. */
  error?: string
  /**
   * Set when the body is too big to read for a list row: the row comes from what is cheap to read
   * (the index, a container's metadata and first and last chunk), and queries, duplicates and SQL
   * time are not counted. Opening the trace reads it whole and completes the row (list again).
   */
  partial?: true
}

/** A project: a folder with a Kolo store, a db.sqlite3, or a single trace file. */
export interface ProjectSummary {
  id: string
  /** The path the user gave, shown in the sidebar. */
  path: string
  label: string
  /** 'kolo-2' (db.sqlite3 with bodies), 'kolo-3' (.internal + raw/), 'file'. */
  format: string
  traceCount: number
  /** Set when the store could not be opened. */
  error?: string
}
