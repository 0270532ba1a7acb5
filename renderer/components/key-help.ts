/** One line of the keyboard help: the keys (alternatives) and what they do. */
export type KeyLine = [keys: string[], what: string]

/** The keys of one place of the app (a view, a list), as the help sheet (`?`) lists them. */
export interface KeyGroup {
  title: string
  lines: KeyLine[]
}
