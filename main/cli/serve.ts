import {existsSync} from 'node:fs'
import {parseArgs} from 'node:util'
import {ensureDemoStore} from '../node/demo/demo-store'
import {linkScheme, routeInput} from '../node/projects/route-input'
import {createTraceService} from '../node/service/service'
import {defaultCacheDir} from '../node/store'
import type {TraceService} from '../node/service/service'
import {startServer} from '../server/serve'
import type {RunningServer} from '../server/serve'
import {builtPath} from './built-files'
import type {CliCommand, CliIo} from './command'
import {CliError, usageError} from './command'
import {indexWorkerPath, workerPath} from './project-session'

/** What `serve` runs: the service and the server over it. */
export interface ServeSession {
  service: TraceService
  server: RunningServer
  close(): Promise<void>
}

/** Parse `--port N`: an integer in 0…65535 (0: any free port). */
export function parsePort(text: string | undefined): number {
  if (text === undefined) return 0
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw usageError(`--port: "${text}" is not a port number`)
  }
  return port
}

/**
 * Start `serve`: the projects (or the embedded demo when none is given) behind the HTTP server.
 *
 * Missing paths are refused up front; a store that fails to open is still listed, with its error,
 * and reported on stderr.
 */
export async function startServe(
  projectPaths: string[],
  options: {port: number; staticDir?: string; link?: string},
  io: CliIo,
): Promise<ServeSession> {
  if (options.link !== undefined) {
    const route = routeInput(options.link)
    if (route.kind === 'rejected') throw usageError(`--link: ${route.reason}`)
  }
  const staticDir = options.staticDir ?? builtPath('renderer')
  if (staticDir === undefined || !existsSync(staticDir)) {
    throw new CliError(
      'The renderer bundle (dist/renderer) is missing: run `npm run build` first',
      1,
    )
  }
  for (const projectPath of projectPaths) {
    if (!existsSync(projectPath)) throw new CliError(`${projectPath}: no such file or folder`, 1)
  }
  const paths = projectPaths.length > 0 ? projectPaths : [ensureDemoStore()]
  const service = createTraceService({
    projectPaths: paths,
    // Summaries, the project index and the model cache ($XDG_CACHE_HOME/kolo-explorer).
    cacheDir: defaultCacheDir(),
    workerPath: workerPath(),
    startHost: true,
    index: true,
    indexWorkerPath: indexWorkerPath(),
  })
  let server: RunningServer
  try {
    server = await startServer({api: service, staticDir, port: options.port})
  } catch (error) {
    await service.dispose()
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') throw new CliError(`Port ${options.port} is already in use`, 1)
    if (code === 'EACCES') throw new CliError(`Port ${options.port} needs privileges`, 1)
    throw error
  }
  for (const project of await service.listProjects({})) {
    if (project.error !== undefined) io.err(`kolo-explorer: ${project.error}`)
  }
  const demo = projectPaths.length === 0 ? ' (the embedded demo; name a PATH to open your own)' : ''
  // The page opens a link given beside the token (the router checks it again there).
  const url =
    options.link === undefined
      ? server.url
      : `${server.url}&link=${encodeURIComponent(options.link)}`
  io.out(`Kolo Explorer is serving ${paths.length} project(s)${demo} at\n\n  ${url}\n`)
  io.out('Open that URL in a browser (the token in it is the key). Press Ctrl+C to stop.')
  return {
    service,
    server,
    close: async () => {
      await server.close()
      await service.dispose()
    },
  }
}

/** `serve [PATH…] [--port N]`: the app in a browser, until Ctrl+C. */
export const serveCommand: CliCommand = {
  summary:
    'Serve the explorer to a browser on 127.0.0.1 (no PATH: the embedded demo; a kolo-explorer:// link opens in the page)',
  usage: 'serve [PATH…] [LINK] [--port N]',
  async run(args, io) {
    const {values, positionals} = parseArgs({
      args,
      options: {port: {type: 'string', short: 'p'}, link: {type: 'string'}},
      allowPositionals: true,
    })
    const isLink = (arg: string) => arg.toLowerCase().startsWith(`${linkScheme}:`)
    const links = [
      ...positionals.filter(isLink),
      ...(values.link === undefined ? [] : [values.link]),
    ]
    if (links.length > 1) throw usageError('serve opens one link at a time')
    const paths = positionals.filter(arg => !isLink(arg))
    const session = await startServe(paths, {port: parsePort(values.port), link: links[0]}, io)
    await new Promise<void>(resolve => {
      const stop = () => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        resolve()
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    await session.close()
    return 0
  },
}

/** `demo [--port N]`: `serve` on the embedded demo store (`npm run demo`). */
export const demoCommand: CliCommand = {
  summary: 'Serve the embedded demo (a small Django shop) to a browser',
  usage: 'demo [--port N]',
  run(args, io) {
    const {values, positionals} = parseArgs({
      args,
      options: {port: {type: 'string', short: 'p'}},
      allowPositionals: true,
    })
    if (positionals.length > 0) throw usageError('demo takes no PATH (use serve PATH)')
    return serveCommand.run(values.port === undefined ? [] : ['--port', values.port], io)
  },
}
