// The house plan: which rooms (folders) code may import from, checked by house-rule.js in lint.
//
// Each room lists the rooms its files may import (its own room is always allowed). A path belongs
// to the longest room that is a prefix of it; `*` in a room stands for one folder name, and `$1`
// in a target for the name it matched. Test files (*.test.ts[x]) and testing/ folders are test
// support: they may import anything, and nothing else may import a testing/ folder.

const shared = 'shared'
const node = name => `main/node/${name}`

/** Rooms and what each may import. */
export const rooms = {
  shared: [],
  // main/node, bottom up: a room imports only rooms listed below it here.
  [node('decode')]: [shared],
  [node('kolo-writer')]: [shared, node('decode')],
  [node('summary')]: [shared, node('decode')],
  [node('store')]: [shared, node('decode'), node('summary')],
  [node('model')]: [shared, node('decode')],
  [node('insights')]: [shared, node('decode'), node('model')],
  // Built traces on disk (the user's cache folder): read back without decoding a body again.
  [node('model-cache')]: [shared, node('decode'), node('model')],
  [node('trace-host')]: [
    shared,
    node('decode'),
    node('summary'),
    node('store'),
    node('model'),
    node('insights'),
    node('model-cache'),
  ],
  [node('editor')]: [shared],
  [node('settings')]: [shared],
  [node('source')]: [shared, node('editor'), node('settings')],
  [node('watch')]: [shared, node('store')],
  [node('projects')]: [shared, node('decode'), node('store'), node('watch'), node('settings')],
  [node('demo')]: [shared, node('decode'), node('kolo-writer')],
  [node('service')]: [
    shared,
    node('decode'),
    node('store'),
    node('trace-host'),
    node('editor'),
    node('settings'),
    node('source'),
    node('watch'),
    node('projects'),
    node('demo'),
  ],
  // The processes' entry rooms.
  'main/server': [shared, node('service'), node('demo'), node('projects'), node('settings')],
  'main/cli': [
    shared,
    node('service'),
    node('demo'),
    node('projects'),
    node('model'),
    node('settings'),
    node('source'),
    node('store'),
    'main/server',
  ],
  'main/electron': [
    shared,
    node('service'),
    node('projects'),
    node('settings'),
    node('demo'),
    'main/server',
  ],
}

/** Rooms whose files are test support wherever they are. */
export const testSupport = [/\.test\.tsx?$/, /(^|\/)testing\//, /^e2e\//, /^bench\//]
