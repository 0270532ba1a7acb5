import type Database from 'better-sqlite3'

/** Prepared statements of one index connection, made on first use and kept. */
export class Statements {
  private readonly cache = new Map<string, Database.Statement>()

  constructor(readonly db: Database.Database) {}

  /** The prepared statement for `sql`. */
  get(sql: string): Database.Statement {
    let stmt = this.cache.get(sql)
    if (!stmt) this.cache.set(sql, (stmt = this.db.prepare(sql)))
    return stmt
  }
}
