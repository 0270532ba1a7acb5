/**
 * The project index's tables. One database per project, in the user cache folder.
 *
 * Bump `indexFormatVersion` whenever a table or the meaning of a column changes: an index of
 * another version is deleted and rebuilt, never migrated or trusted.
 *
 * Shapes: `traces` is one row per trace of the store (`error` set when it failed to decode, and
 * then it has no other rows). Per trace: `items` (timeline bars), `trace_functions` (calls and
 * time per function), `calls` (a bounded sample of calls with value previews), `trace_sql` and
 * `sql_sites` (per SQL fingerprint), `n_plus_one`, `trace_templates`, `trace_hosts`,
 * `exceptions`, `trace_lines` (file:line pairs that ran). Names shared across traces live once in
 * `files`, `functions`, `fingerprints`, `templates`. `search` is an FTS5 trigram index whose rowid
 * encodes what a row names: `kind * 2^40 + id` (see searchRowid). A call's id is
 * `trace_pk * 2^20 + n` (see callRowid), so a trace's calls are one rowid range and need no index
 * of their own. Times on the project's timeline are epoch ms (REAL); durations are ns (INTEGER).
 */

/** The format of the index; part of its file name and checked in `meta`. */
export const indexFormatVersion = 1

/** What a `search` row names. */
export const SearchKind = {trace: 1, function: 2, file: 3, sql: 4, exception: 5} as const

/** One of the SearchKind values. */
export type SearchKindId = (typeof SearchKind)[keyof typeof SearchKind]

const kindShift = 2 ** 40

/** The rowid of a `search` row for `id` of `kind`. */
export function searchRowid(kind: SearchKindId, id: number): number {
  return kind * kindShift + id
}

/** The kind and id a `search` rowid stands for. */
export function fromSearchRowid(rowid: number): {kind: number; id: number} {
  const kind = Math.floor(rowid / kindShift)
  return {kind, id: rowid - kind * kindShift}
}

/** Calls one trace may keep: its calls' ids are one range of this size. */
export const callsPerTraceLimit = 2 ** 20

/** The id of a trace's `n`-th kept call. */
export function callRowid(tracePk: number, n: number): number {
  return tracePk * callsPerTraceLimit + n
}

/** Item kinds as stored in `items.kind` and `traces.kind`. */
export const ItemKindCode = {request: 0, test: 1, job: 2, script: 3} as const

/** The DDL of a fresh index. */
export const indexSchema = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;

CREATE TABLE traces (
  pk INTEGER PRIMARY KEY,
  trace_id TEXT NOT NULL UNIQUE,
  change_key TEXT NOT NULL,
  created_ms REAL NOT NULL,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  start_ms REAL NOT NULL,
  end_ms REAL NOT NULL,
  thread TEXT,
  node_count INTEGER NOT NULL DEFAULT 0,
  query_count INTEGER NOT NULL DEFAULT 0,
  recovered INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
CREATE INDEX traces_start ON traces (start_ms);

CREATE TABLE items (
  trace_pk INTEGER NOT NULL,
  node INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  nested INTEGER NOT NULL,
  start_ms REAL NOT NULL,
  end_ms REAL NOT NULL,
  label TEXT NOT NULL,
  method TEXT,
  path TEXT,
  endpoint TEXT,
  route TEXT,
  route_source INTEGER,
  status INTEGER,
  duration_ms REAL NOT NULL,
  query_count INTEGER NOT NULL,
  n1_count INTEGER NOT NULL,
  error INTEGER NOT NULL,
  PRIMARY KEY (trace_pk, node)
) WITHOUT ROWID;

CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);

CREATE TABLE functions (
  id INTEGER PRIMARY KEY,
  qualname TEXT NOT NULL,
  file_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  library INTEGER NOT NULL,
  UNIQUE (qualname, file_id)
);
CREATE INDEX functions_file ON functions (file_id);

CREATE TABLE trace_functions (
  fn_id INTEGER NOT NULL,
  trace_pk INTEGER NOT NULL,
  calls INTEGER NOT NULL,
  self_ns INTEGER NOT NULL,
  total_ns INTEGER NOT NULL,
  PRIMARY KEY (fn_id, trace_pk)
) WITHOUT ROWID;
CREATE INDEX trace_functions_trace ON trace_functions (trace_pk);

CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  fn_id INTEGER NOT NULL,
  trace_pk INTEGER NOT NULL,
  start_ms REAL NOT NULL,
  node INTEGER NOT NULL,
  frame_id TEXT,
  duration_ns INTEGER NOT NULL,
  args TEXT,
  ret TEXT,
  exc TEXT
);
CREATE INDEX calls_fn ON calls (fn_id, start_ms);

CREATE TABLE fingerprints (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);

CREATE TABLE trace_sql (
  fp_id INTEGER NOT NULL,
  trace_pk INTEGER NOT NULL,
  count INTEGER NOT NULL,
  total_ns INTEGER NOT NULL,
  rows INTEGER,
  first_node INTEGER NOT NULL,
  PRIMARY KEY (fp_id, trace_pk)
) WITHOUT ROWID;
CREATE INDEX trace_sql_trace ON trace_sql (trace_pk);

CREATE TABLE sql_sites (
  trace_pk INTEGER NOT NULL,
  fp_id INTEGER NOT NULL,
  file_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (trace_pk, fp_id, file_id, line)
) WITHOUT ROWID;

CREATE TABLE n_plus_one (
  trace_pk INTEGER NOT NULL,
  item_node INTEGER NOT NULL,
  fp_id INTEGER NOT NULL,
  file_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  count INTEGER NOT NULL,
  total_ns INTEGER NOT NULL,
  fix TEXT NOT NULL,
  PRIMARY KEY (trace_pk, fp_id, file_id, line)
) WITHOUT ROWID;

CREATE TABLE templates (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);

CREATE TABLE trace_templates (
  tpl_id INTEGER NOT NULL,
  trace_pk INTEGER NOT NULL,
  count INTEGER NOT NULL,
  total_ns INTEGER NOT NULL,
  PRIMARY KEY (tpl_id, trace_pk)
) WITHOUT ROWID;
CREATE INDEX trace_templates_trace ON trace_templates (trace_pk);

CREATE TABLE trace_hosts (
  trace_pk INTEGER NOT NULL,
  host TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (trace_pk, host)
) WITHOUT ROWID;

CREATE TABLE exceptions (
  id INTEGER PRIMARY KEY,
  trace_pk INTEGER NOT NULL,
  node INTEGER NOT NULL,
  origin_node INTEGER NOT NULL,
  type TEXT NOT NULL,
  message TEXT NOT NULL,
  file_id INTEGER,
  line INTEGER
);
CREATE INDEX exceptions_trace ON exceptions (trace_pk);

CREATE TABLE trace_lines (
  file_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  trace_pk INTEGER NOT NULL,
  PRIMARY KEY (file_id, line, trace_pk)
) WITHOUT ROWID;
CREATE INDEX trace_lines_trace ON trace_lines (trace_pk);

CREATE VIRTUAL TABLE search USING fts5 (text, tokenize = 'trigram');
`

/** The tables a valid index has (a damaged or foreign file lacks some). */
export const requiredTables = [
  'meta',
  'traces',
  'items',
  'files',
  'functions',
  'trace_functions',
  'calls',
  'fingerprints',
  'trace_sql',
  'sql_sites',
  'n_plus_one',
  'templates',
  'trace_templates',
  'trace_hosts',
  'exceptions',
  'trace_lines',
  'search',
]
