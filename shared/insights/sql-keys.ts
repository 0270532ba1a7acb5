const placeholder = /%s|%\(\w+\)s|\?|\$\d+/

/**
 * The parameters' part of an exact-duplicate key for one query.
 *
 * Kolo's `query` is the SQL as the database driver executed it (Django's last_executed_query),
 * with the parameters already in the text, so the text alone identifies a duplicate: ''. Only a
 * query recorded as its bare template (placeholders left in) needs its parameters, which `params`
 * reads (it may answer undefined when they are not at hand, e.g. in the trace-list summary).
 */
export function sqlParamsKey(
  query: string,
  template: string | undefined,
  params: () => string | undefined,
): string | undefined {
  if (template !== undefined && query !== template) return ''
  if (!placeholder.test(query)) return ''
  return params()
}
