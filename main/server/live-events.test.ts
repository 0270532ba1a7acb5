import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {runLiveScenario} from '../node/testing/live-scenario'
import type {LiveOutcome} from '../node/testing/live-scenario'
import {startServer} from './serve'
import {connectHttpClient} from './test-http-client'

const bundle = mkdtempSync(path.join(tmpdir(), 'kx-live-bundle-'))
afterAll(() => rmSync(bundle, {recursive: true, force: true}))

// The page's view of a live store over `serve`: the service watches, the server streams the
// events, the client parses them as the renderer does.
async function overHttp(mode: '2' | '3'): Promise<LiveOutcome> {
  return runLiveScenario(mode, async service => {
    const server = await startServer({api: service, staticDir: bundle})
    const client = await connectHttpClient(server)
    return {
      ...client,
      close: async () => {
        client.close()
        await server.close()
      },
    }
  })
}

function check(mode: string, outcome: LiveOutcome): void {
  const {written, added, removed, errors, latencyMs} = outcome
  const wrote = written.filter(e => e.event === 'added').map(e => e.id)
  const deleted = written.filter(e => e.event === 'removed').map(e => e.id)
  console.log(
    `live ${mode} over HTTP: ${added.length} added, ${removed.length} removed; latency ms p50 ${latencyMs[0]} p95 ${latencyMs[1]} max ${latencyMs[2]}`,
  )
  // Every trace once (the lists, not sets: a duplicate would show), none missed, none invented.
  expect(added.map(a => a.id).sort()).toEqual([...wrote].sort())
  expect([...removed].sort()).toEqual([...deleted].sort())
  // A busy writer never reached the page as an error.
  expect(errors).toEqual([])
  expect(outcome.finalTotal).toBe(1 + wrote.length - deleted.length)
  expect(latencyMs[2]).toBeLessThan(1500) // target 300 ms; loose, as CI shares two cores
}

describe('live traces as the page receives them over serve', () => {
  it('reports each trace a Kolo 2.x process commits to a WAL store once', async () => {
    check('kolo-2', await overHttp('2'))
  })

  it('reports each trace a Kolo 3.x process writes to raw/ and the index once', async () => {
    check('kolo-3', await overHttp('3'))
  })
})
