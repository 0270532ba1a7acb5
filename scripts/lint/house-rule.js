// ESLint rule `house/rooms`: every relative import must go to a room the house plan allows, and
// production code never imports test support. See house-plan.js for the plan itself.
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..', '..')

/** The room of a repository path: the longest room (with `*` wildcards) that is a prefix of it. */
export function roomOf(file, rooms) {
  let best
  for (const room of Object.keys(rooms)) {
    const re = new RegExp(
      '^' + room.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '([^/]+)') + '(/|$)',
    )
    const match = re.exec(file)
    if (match && (!best || room.length > best.room.length)) best = {room, match}
  }
  if (!best) return undefined
  const name = best.room.replace(/\*/g, () => best.match[1])
  const targets = rooms[best.room].map(t => t.replace('$1', best.match[1] ?? ''))
  return {name, targets}
}

const isTestSupport = (file, patterns) => patterns.some(p => p.test(file))

/** The rule, configured with `{rooms, testSupport}` from house-plan.js. */
export const roomsRule = {
  meta: {
    type: 'problem',
    docs: {description: 'imports follow the house plan (scripts/lint/house-plan.js)'},
    schema: [{type: 'object', additionalProperties: true}],
    messages: {
      room: '{{from}} may not import {{to}}: the house plan lets it use {{allowed}}',
      testing: 'production code may not import test support ({{to}})',
    },
  },
  create(context) {
    const {rooms, testSupport} = context.options[0]
    const file = path.relative(root, context.filename).split(path.sep).join('/')
    if (file.startsWith('..') || isTestSupport(file, testSupport)) return {}
    const from = roomOf(file, rooms)
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec))
      if (/(^|\/)testing(\/|$)/.test(target)) {
        context.report({node, messageId: 'testing', data: {to: target}})
        return
      }
      if (!from) return
      const to = roomOf(target, rooms)
      if (!to || to.name === from.name) return
      if (from.targets.some(t => to.name === t || to.name.startsWith(t + '/'))) return
      const allowed = from.targets.length > 0 ? from.targets.join(', ') : 'nothing outside itself'
      context.report({node, messageId: 'room', data: {from: from.name, to: to.name, allowed}})
    }
    return {
      ImportDeclaration: node => check(node.source, node.source.value),
      ExportNamedDeclaration: node => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: node => check(node.source, node.source.value),
      ImportExpression: node =>
        node.source.type === 'Literal' && check(node.source, node.source.value),
    }
  },
}

/** The plugin as eslint.config.js registers it. */
export const housePlugin = {rules: {rooms: roomsRule}}
