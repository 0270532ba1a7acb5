import {RuleTester} from 'eslint'
import {describe, it} from 'vitest'
import {rooms, testSupport} from './house-plan.js'
import {roomsRule} from './house-rule.js'

RuleTester.describe = describe
RuleTester.it = it
const tester = new RuleTester({languageOptions: {ecmaVersion: 2022, sourceType: 'module'}})
const options = [{rooms, testSupport}]
const at = (file: string, code: string) => ({filename: `${process.cwd()}/${file}`, code, options})

tester.run('house/rooms', roomsRule, {
  valid: [
    at('main/node/model/build-trace.ts', "import {x} from '../decode/decoded-trace'"),
    at('main/node/trace-host/trace-host.ts', "import {x} from '../insights/trace-insights'"),
    at('main/node/store/db-store.ts', "import {x} from '../summary/summarize'"),
    at('main/node/model/build-trace.test.ts', "import {x} from '../testing/fake-trace'"),
    at('main/node/testing/service-fakes.ts', "import {x} from '../service/service'"),
    at('shared/model/trace-ref.ts', "import {x} from './node-kind'"),
    at('main/node/model/x.ts', "import {x} from 'node:fs'"),
  ],
  invalid: [
    {
      ...at('main/node/model/x.ts', "import {x} from '../trace-host/trace-engine'"),
      errors: [{messageId: 'room'}],
    },
    {
      ...at('main/node/store/x.ts', "export {x} from '../model/build-trace'"),
      errors: [{messageId: 'room'}],
    },
    {
      ...at('main/node/decode/x.ts', "import {x} from '../kolo-writer/msgpack-writer'"),
      errors: [{messageId: 'room'}],
    },
    {
      ...at('main/node/service/service.ts', "import {x} from '../testing/service-fakes'"),
      errors: [{messageId: 'testing'}],
    },
    {
      ...at('main/node/unplanned/x.ts', "import {x} from '../model/build-trace'"),
      errors: [{messageId: 'room'}],
    },
    {
      ...at('shared/api/contract.ts', "import {x} from '../../main/node/service/service'"),
      errors: [{messageId: 'room'}],
    },
  ],
})
