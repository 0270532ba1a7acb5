import type {StateCreator} from 'zustand/vanilla'
import type {AppState, ProjectIndexSlice, ProjectIndexState} from './app-state'

/** The least time between two refetches of the index's views while traces keep arriving. */
export const indexRefreshMs = 1000

const noticeCapacity = 50

/**
 * Creates the project index slice: progress, notices and a generation per project, from the
 * index's events. A build indexes hundreds of traces a second and says so in as many changed
 * events; views refetch when the generation moves, which it does at once for the first change
 * and then at most once per `indexRefreshMs` (the last change always lands).
 */
export const createProjectIndexSlice: StateCreator<AppState, [], [], ProjectIndexSlice> = (
  set,
  get,
) => {
  const lastBumpMs = new Map<string, number>()
  const pending = new Map<string, ReturnType<typeof setTimeout>>()

  const patch = (projectId: string, change: Partial<ProjectIndexState>): void => {
    const old = get().projectIndexes[projectId] ?? {notices: [], generation: 0}
    set({projectIndexes: {...get().projectIndexes, [projectId]: {...old, ...change}}})
  }
  const bump = (projectId: string): void => {
    lastBumpMs.set(projectId, Date.now())
    const generation = (get().projectIndexes[projectId]?.generation ?? 0) + 1
    patch(projectId, {generation})
  }

  return {
    projectIndexes: {},

    onProjectIndexProgressed: ({projectId, progress}) => patch(projectId, {progress}),

    onProjectIndexChanged: ({projectId}) => {
      if (pending.has(projectId)) return
      const waitMs = (lastBumpMs.get(projectId) ?? -Infinity) + indexRefreshMs - Date.now()
      if (waitMs <= 0) {
        bump(projectId)
        return
      }
      pending.set(
        projectId,
        setTimeout(() => {
          pending.delete(projectId)
          bump(projectId)
        }, waitMs),
      )
    },

    onProjectIndexNoticed: ({projectId, notice}) => {
      const old = get().projectIndexes[projectId]?.notices ?? []
      patch(projectId, {notices: [notice, ...old].slice(0, noticeCapacity)})
    },

    dismissIndexNotices: projectId => patch(projectId, {notices: []}),
  }
}
