import {describe, expect, it} from 'vitest'
import {keyGroups} from './help-sheet'
import {viewList} from './views'

const allKeys = (title: string): string[] =>
  keyGroups.find(g => g.title === title)?.lines.flatMap(([keys]) => keys) ?? []

describe('the help sheet', () => {
  it('lists the number key of every view, the tenth (Diff) on 0', () => {
    const anywhere = keyGroups[0]!.lines.map(([keys, what]) => `${keys.join()} ${what}`)
    for (const v of viewList) expect(anywhere).toContain(`${v.key} ${v.label} view`)
    expect(anywhere).toContain('0 Diff view')
  })

  it('has a group for each view that has keys of its own, in tab order', () => {
    const titles = keyGroups.map(g => g.title)
    const own = viewList.flatMap(v => v.keys?.title ?? [])
    expect(own).toEqual(expect.arrayContaining(['Call tree', 'Flame chart', 'Call graph']))
    expect(own).toEqual(expect.arrayContaining(['Test view', 'Diff view']))
    expect(titles.filter(t => own.includes(t))).toEqual(own)
  })

  it('lists the diff view’s and the trace list’s comparison keys', () => {
    expect(allKeys('Diff view')).toEqual(
      expect.arrayContaining(['N', 'Shift+N', 'Enter', 'Shift+Enter', '↑', '↓']),
    )
    expect(allKeys('Trace list')).toEqual(expect.arrayContaining(['Space', 'C']))
    expect(allKeys('Flame chart')).toEqual(expect.arrayContaining(['↑', 'Home', 'N']))
  })
})
