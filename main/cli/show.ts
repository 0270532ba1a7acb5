import {parseArgs} from 'node:util'
import {decodeModel} from '../../shared/api/model-codec'
import type {NodeDetails} from '../../shared/model/node-details'
import {NodeKind} from '../../shared/model/node-kind'
import {traceRef} from '../../shared/model/trace-ref'
import {formatTreeLines, treeJson} from '../node/model/tree-text'
import type {CliCommand} from './command'
import {usageError} from './command'
import {withProject} from './project-session'

/** `show PATH TRACE_ID [--json] [--thread KEY]`: a trace's tree, one line per node. */
export const showCommand: CliCommand = {
  summary: 'Print the call tree of one trace',
  usage: 'show PATH TRACE_ID [--json] [--thread KEY]',
  async run(args, io) {
    const {values, positionals} = parseArgs({
      args,
      options: {json: {type: 'boolean', default: false}, thread: {type: 'string'}},
      allowPositionals: true,
    })
    if (positionals.length !== 2) throw usageError('show needs a PATH and a TRACE_ID')
    const [projectPath, traceId] = positionals as [string, string]
    const output = await withProject(projectPath, async (service, project) => {
      const trace = traceRef(project.id, traceId, values.thread)
      const model = decodeModel(await service.loadTrace({trace}))
      if (!values.json) return formatTreeLines(model).join('\n')
      // Node names keep 4 KiB of a query; --json gives the whole text.
      const details = new Map<number, NodeDetails>()
      for (let i = 0; i < model.nodeCount; i++) {
        if (model.kind[i] !== NodeKind.sql) continue
        details.set(i, await service.getNodeDetails({trace, nodeId: i}))
      }
      const nodes = treeJson(model, id => details.get(id))
      return JSON.stringify({meta: model.meta, nodes}, undefined, 2)
    })
    if (output !== '') io.out(output)
    return 0
  },
}
