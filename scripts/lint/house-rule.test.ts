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
    at('renderer/features/sql/sql-panel.tsx', "import {x} from './sql-rows-model'"),
    at('renderer/features/sql/sql-panel.tsx', "import {x} from '../../components/virtual-list'"),
    at('renderer/features/sql/sql-panel.tsx', "import '../../components/insights.css'"),
    at('renderer/features/flame/flame-view.tsx', "import {x} from '../../analysis/analysis-core'"),
    at('renderer/app/detail-views.ts', "import {x} from '../features/http/http-details'"),
    at('renderer/state/trace-resources.ts', "import {x} from '../analysis/analysis-client'"),
    at('renderer/main.tsx', "import {x} from './app/app'"),
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
    {
      ...at('renderer/features/http/http-panel.tsx', "import {x} from '../sql/sql-details'"),
      errors: [{messageId: 'room'}],
    },
    {
      ...at('renderer/features/graph/graph-view.tsx', "import '../flame/flame.css'"),
      errors: [{messageId: 'room'}],
    },
    {
      ...at('renderer/components/node-jumps.tsx', "import {x} from '../features/frame/frame-view'"),
      errors: [{messageId: 'room'}],
    },
    {
      ...at('renderer/state/trace-scope.tsx', "import {x} from '../components/format'"),
      errors: [{messageId: 'room'}],
    },
    {
      ...at('renderer/app/app.tsx', "import {x} from '../testing/fake-client'"),
      errors: [{messageId: 'testing'}],
    },
  ],
})
