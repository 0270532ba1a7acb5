import type {StoreApi} from 'zustand/vanilla'
import type {PaletteItem} from '../../../shared/project-index/index-types'
import type {AppState} from '../../state/app-state'
import {errorInfo} from '../../state/error-info'

/**
 * Open what a palette result names, in `projectId`:
 * - a trace: the trace;
 * - a function: its history in the overview (with `latest`, its newest call instead);
 * - a file: the newest call of a function of that file, in the frame view;
 * - a SQL shape: the query in a trace that ran it, in the SQL view;
 * - an exception: where it was raised, in the logs and exceptions view.
 */
export async function openPaletteItem(
  store: StoreApi<AppState>,
  projectId: string,
  item: PaletteItem,
  latest = false,
): Promise<void> {
  const s = store.getState()
  try {
    switch (item.kind) {
      case 'trace':
        if (item.traceId !== undefined) s.selectTrace(projectId, item.traceId)
        return
      case 'function': {
        const qualname = item.qualname ?? item.label
        if (latest) {
          await openNewestCall(store, projectId, qualname, item.file)
          return
        }
        s.showOverview()
        s.showHistory({projectId, qualname, file: item.file})
        return
      }
      case 'file':
        return await openFile(store, projectId, item.file ?? item.label)
      case 'sql':
      case 'exception':
        if (item.traceId === undefined) return
        await s.openExecution({
          projectId,
          traceId: item.traceId,
          nodeId: item.nodeId,
          view: item.kind === 'sql' ? 'sql' : 'logs',
        })
        return
    }
  } catch (error) {
    s.showNotice({kind: 'error', message: errorInfo(error).message})
  }
}

async function openNewestCall(
  store: StoreApi<AppState>,
  projectId: string,
  qualname: string,
  file: string | undefined,
): Promise<boolean> {
  const s = store.getState()
  const history = await s.api.getFunctionHistory({projectId, qualname, file, limit: 1})
  const call = history.calls[0]
  if (!call) return false
  await s.openExecution({
    projectId,
    traceId: call.traceId,
    nodeId: call.nodeId,
    frameId: call.frameId,
  })
  return true
}

/**
 * The dotted module a Python file holds, as qualnames start: `shelf/views.py` → `shelf.views`,
 * `/…/site-packages/django/db/models/query.py` → `django.db.models.query`.
 */
export function moduleOf(file: string): string {
  const path = file.replace(/\\/g, '/')
  const site = /(?:site|dist)-packages\/(.*)$/.exec(path)
  return (site ? site[1]! : path)
    .replace(/^\/+/, '')
    .replace(/\.pyw?$/, '')
    .replace(/\/__init__$/, '')
    .split('/')
    .join('.')
}

// A file has no trace of its own: open the newest call of a function defined in it (functions are
// found by qualname, so by the file's module name, then by its bare name).
async function openFile(store: StoreApi<AppState>, projectId: string, file: string): Promise<void> {
  const s = store.getState()
  const module = moduleOf(file)
  for (const query of [module, module.split('.').pop() ?? module]) {
    const found = await s.api.searchProject({projectId, query, limit: 50})
    const fns =
      found.groups.find(g => g.kind === 'function')?.items.filter(i => i.file === file) ?? []
    for (const fn of fns) {
      if (await openNewestCall(store, projectId, fn.qualname ?? fn.label, file)) return
    }
  }
  s.showNotice({kind: 'info', message: `No traced call of a function in ${file}`})
}
