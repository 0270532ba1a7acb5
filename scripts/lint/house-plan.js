// The house plan: which rooms (folders) code may import from, checked by house-rule.js in lint.
//
// Each room lists the rooms its files may import (its own room is always allowed). A path belongs
// to the longest room that is a prefix of it; `*` in a room stands for one folder name, and `$1`
// in a target for the name it matched. Test files (*.test.ts[x]) and testing/ folders are test
// support: they may import anything, and nothing else may import a testing/ folder.

const shared = 'shared'
const node = name => `main/node/${name}`
const web = name => `renderer/${name}`

/** Rooms and what each may import. */
export const rooms = {
  shared: [],
  // A folder of main/node not named below may import nothing: every room must be planned.
  'main/node': [],
  // main/node, bottom up: a room imports only rooms listed below it here.
  [node('decode')]: [shared],
  [node('kolo-writer')]: [shared, node('decode')],
  [node('summary')]: [shared, node('decode')],
  [node('store')]: [shared, node('decode'), node('summary')],
  [node('model')]: [shared, node('decode')],
  [node('insights')]: [shared, node('decode'), node('model')],
  [node('diff')]: [shared, node('decode'), node('model'), node('insights')],
  [node('project-index')]: [shared, node('decode'), node('store'), node('model'), node('insights')],
  [node('testgen')]: [shared, node('store')],
  // Built traces on disk (the user's cache folder): read back without decoding a body again.
  [node('model-cache')]: [shared, node('decode'), node('model')],
  [node('trace-host')]: [
    shared,
    node('decode'),
    // A synthetic trace warms the decoder up when the worker starts.
    node('kolo-writer'),
    node('summary'),
    node('store'),
    node('model'),
    node('insights'),
    node('model-cache'),
    node('diff'),
    node('testgen'),
  ],
  [node('editor')]: [shared],
  [node('settings')]: [shared],
  [node('source')]: [shared, node('editor'), node('settings')],
  [node('watch')]: [shared, node('store')],
  [node('projects')]: [shared, node('decode'), node('store'), node('watch'), node('settings')],
  [node('demo')]: [shared, node('decode'), node('kolo-writer')],
  [node('service')]: [
    shared,
    node('project-index'),
    node('testgen'),
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
    node('diff'),
    node('testgen'),
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
  // The renderer, bottom up. Features never import each other: what two features share lives in
  // components/ (widgets) or state/ (data); the app composes features (views, details by kind).
  [web('api')]: [shared],
  [web('analysis')]: [shared],
  [web('state')]: [shared, web('api'), web('analysis')],
  [web('components')]: [shared, web('state')],
  [web('features/*')]: [shared, web('components'), web('state'), web('api'), web('analysis')],
  [web('app')]: [shared, web('features'), web('components'), web('state'), web('api')],
  [web('styles')]: [],
  // The entry (main.tsx) and the build's config beside it.
  renderer: [shared, web('api'), web('app'), web('components'), web('state'), web('styles')],
}

/** Rooms whose files are test support wherever they are. */
export const testSupport = [/\.test\.tsx?$/, /(^|\/)testing\//, /^e2e\//, /^bench\//]
