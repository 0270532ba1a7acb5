/**
 * The centre views a trace can be shown in, in tab order. The app's view table
 * (renderer/app/views.tsx) gives each its label, key and component; the store only names them.
 */
export const viewNames = [
  'tree',
  'flame',
  'graph',
  'frame',
  'test',
  'sql',
  'http',
  'templates',
  'logs',
  'diff',
] as const

/** One of the centre views. */
export type ViewName = (typeof viewNames)[number]
