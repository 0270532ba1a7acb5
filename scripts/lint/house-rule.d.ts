import type {Rule} from 'eslint'

/** The room of a repository path and the rooms it may import. */
export declare function roomOf(
  file: string,
  rooms: Record<string, string[]>,
): {name: string; targets: string[]} | undefined
/** The `house/rooms` rule. */
export declare const roomsRule: Rule.RuleModule
/** The plugin eslint.config.js registers. */
export declare const housePlugin: {rules: {rooms: Rule.RuleModule}}
