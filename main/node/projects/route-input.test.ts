import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {deepLink} from '../../cli/open'
import {maxArgvInputs, routeArgv} from './route-argv'
import {formatDiffLink} from '../../../shared/diff/diff-link'
import {formatLink, routeInput} from './route-input'
import type {PathKind, Route} from './route-input'

const tmp = mkdtempSync(path.join(tmpdir(), 'kx-router-'))
const project = path.join(tmp, 'shop')
const koloFile = path.join(tmp, 'one trace.kolo')
mkdirSync(path.join(project, '.kolo'), {recursive: true})
writeFileSync(koloFile, 'KOLOTRC3')
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

const TRACE = 'trc_01M8AECT3RY7QP78H3Z53GFN0Y'
const FRAME = 'frm_01M8AECT3S2Y1JQ8H0A8V1Z0QX'
const link = (query: string) => `kolo-explorer://open?${query}`
const reason = (route: Route) => (route.kind === 'rejected' ? route.reason : `opened ${route.kind}`)

describe('routeInput: what opens', () => {
  it('opens an absolute folder or file as a project, normalised', () => {
    expect(routeInput(project)).toEqual({kind: 'project', path: project})
    expect(routeInput(`${project}/`)).toEqual({kind: 'project', path: project})
    expect(routeInput(`${project}//./`)).toEqual({kind: 'project', path: project})
    expect(routeInput(koloFile)).toEqual({kind: 'project', path: koloFile})
    expect(routeInput(`  ${project}\n`.trimEnd())).toEqual({kind: 'project', path: project})
  })

  it('opens a file:// URL (a drop onto the window) as a path', () => {
    expect(routeInput(pathToFileURL(koloFile).href)).toEqual({kind: 'project', path: koloFile})
  })

  it('opens a deep link: project, trace and frame', () => {
    const url = link(`project=${encodeURIComponent(project)}&trace=${TRACE}&frame=${FRAME}`)
    expect(routeInput(url)).toEqual({
      kind: 'link',
      projectPath: project,
      traceId: TRACE,
      frameId: FRAME,
    })
    expect(routeInput(link(`project=${encodeURIComponent(project)}&trace=${TRACE}`))).toEqual({
      kind: 'link',
      projectPath: project,
      traceId: TRACE,
    })
    expect(routeInput(link(`project=${encodeURIComponent(project)}`))).toEqual({
      kind: 'project',
      path: project,
    })
  })

  it('reads the links `kolo-explorer open` prints and the ones it formats itself', () => {
    for (const url of [deepLink(project, TRACE, FRAME), formatLink(project, TRACE, FRAME)]) {
      expect(routeInput(url)).toMatchObject({kind: 'link', projectPath: project, frameId: FRAME})
    }
    expect(formatLink(project, TRACE, FRAME)).toBe(deepLink(project, TRACE, FRAME))
    // Spaces as "+", slashes encoded or not, a trailing slash after the host, no "//".
    const spaced = formatLink(koloFile, TRACE)
    expect(spaced).toContain('one+trace.kolo')
    expect(routeInput(spaced)).toMatchObject({projectPath: koloFile})
    expect(routeInput(`kolo-explorer://open/?project=${project}&trace=${TRACE}`)).toMatchObject({
      kind: 'link',
    })
    expect(routeInput(`kolo-explorer:open?project=${project}`)).toEqual({
      kind: 'project',
      path: project,
    })
    expect(routeInput(`KOLO-EXPLORER://OPEN?project=${project}`)).toMatchObject({kind: 'project'})
  })
})

describe('routeInput: comparison links', () => {
  const diffLink = (query: string) => `kolo-explorer://diff?${query}`
  const other = path.join(tmp, 'colleague.kolo')
  writeFileSync(other, 'KOLOTRC3')
  const TRACE_B = 'trc_01M8AECVF4M8Y4PM90ERCBAXPM'

  it('opens two traces of a project', () => {
    const url = diffLink(`project=${encodeURIComponent(project)}&a=${TRACE}&b=${TRACE_B}`)
    expect(routeInput(url)).toEqual({
      kind: 'diff',
      a: {projectPath: project, traceId: TRACE},
      b: {projectPath: project, traceId: TRACE_B},
    })
  })

  it('opens B from another project or file, and two executions by frame or node id', () => {
    const url = formatDiffLink(
      {projectPath: project, traceId: TRACE, frameId: FRAME},
      {projectPath: other, traceId: TRACE_B, nodeId: 42},
    )
    expect(url).toContain('projectB=')
    expect(url).toContain('nodeB=42')
    expect(routeInput(url)).toEqual({
      kind: 'diff',
      a: {projectPath: project, traceId: TRACE, frameId: FRAME},
      b: {projectPath: other, traceId: TRACE_B, nodeId: 42},
    })
  })

  it('writes links as URLSearchParams does (spaces as "+", the rest percent-encoded)', () => {
    const odd = "/tmp/a b/(it's)~!*.kolo"
    const url = formatDiffLink(
      {projectPath: odd, traceId: TRACE},
      {projectPath: odd, traceId: TRACE},
    )
    const q = new URLSearchParams({project: odd, a: TRACE, b: TRACE})
    expect(url).toBe(`kolo-explorer://diff?${q.toString()}`)
  })

  const cases: [string, string, RegExp][] = [
    ['no project', `a=${TRACE}&b=${TRACE_B}`, /names no project/],
    ['no trace B', `project=${project}&a=${TRACE}`, /names no trace B/],
    ['bad trace id', `project=${project}&a=${TRACE}&b=../x`, /is not a trace id/],
    [
      'open params',
      `project=${project}&a=${TRACE}&b=${TRACE_B}&trace=${TRACE}`,
      /unknown parameter "trace"/,
    ],
    [
      'missing project B',
      `project=${project}&projectB=/nope&a=${TRACE}&b=${TRACE_B}`,
      /no such file/,
    ],
    [
      'relative project B',
      `project=${project}&projectB=x&a=${TRACE}&b=${TRACE_B}`,
      /not an absolute/,
    ],
    [
      'one root only',
      `project=${project}&a=${TRACE}&b=${TRACE_B}&frameA=${FRAME}`,
      /one on each side/,
    ],
    [
      'bad frame',
      `project=${project}&a=${TRACE}&b=${TRACE_B}&frameA=x&frameB=${FRAME}`,
      /not a frame id/,
    ],
    ['bad node', `project=${project}&a=${TRACE}&b=${TRACE_B}&nodeA=-1&nodeB=2`, /not a node id/],
    [
      'huge node',
      `project=${project}&a=${TRACE}&b=${TRACE_B}&nodeA=9999999999&nodeB=2`,
      /not a node id/,
    ],
    [
      'frame and node',
      `project=${project}&a=${TRACE}&b=${TRACE_B}&frameA=${FRAME}&nodeA=1&nodeB=2`,
      /name the same thing twice/,
    ],
  ]
  for (const [name, query, why] of cases) {
    it(`refuses: ${name}`, () => {
      const route = routeInput(diffLink(query))
      expect(route.kind, reason(route)).toBe('rejected')
      expect(reason(route)).toMatch(why)
    })
  }
})

describe('routeInput: what is refused, and why', () => {
  const cases: [string, unknown, RegExp][] = [
    ['not a string', 42, /got nothing usable/],
    ['empty', '   ', /empty string/],
    ['relative path', 'shop/.kolo', /not an absolute path/],
    ['dot-relative path', './shop', /not an absolute path/],
    ['.. segments', `${project}/../shop`, /"\.\." is not allowed/],
    [
      '.. in a link',
      link(`project=${encodeURIComponent(project + '/..')}`),
      /"\.\." is not allowed/,
    ],
    ['missing file', path.join(tmp, 'nope.kolo'), /no such file or folder/],
    ['NUL', `${project}\0/x`, /control characters/],
    ['newline in a link', link(`project=${project}\n&trace=${TRACE}`), /control characters/],
    ['huge input', '/' + 'a'.repeat(9000), /too long/],
    ['huge path in a link', link(`project=/${'a'.repeat(5000)}`), /Path too long/],
    ['http', 'https://evil.example/?project=/etc', /unsupported scheme "https:"/],
    ['javascript', 'javascript:alert(1)', /unsupported scheme "javascript:"/],
    ['smb', 'smb://host/share', /unsupported scheme/],
    ['other target', `kolo-explorer://delete?project=${project}`, /unknown link target/],
    ['malformed link', 'kolo-explorer://open:99999999?project=/x', /malformed link/],
    ['port', `kolo-explorer://open:80?project=${project}`, /unexpected parts/],
    ['credentials', `kolo-explorer://u:p@open?project=${project}`, /unexpected parts/],
    ['fragment', `kolo-explorer://open?project=${project}#x`, /unexpected parts/],
    ['unknown param', link(`project=${project}&exec=rm`), /unknown parameter "exec"/],
    ['param twice', link(`project=${project}&project=/etc`), /given twice/],
    ['no project', link(`trace=${TRACE}`), /names no project/],
    ['relative project', link(`project=shop&trace=${TRACE}`), /not an absolute path/],
    ['bad trace id', link(`project=${project}&trace=../../etc/passwd`), /is not a trace id/],
    ['bad frame id', link(`project=${project}&trace=${TRACE}&frame=x;y`), /is not a frame id/],
    ['frame without trace', link(`project=${project}&frame=${FRAME}`), /a frame needs a trace/],
    ['remote file URL', 'file://server/share/x.kolo', /another host/],
    ['file URL with a query', `${pathToFileURL(koloFile).href}?x=1`, /query or fragment/],
  ]
  for (const [name, input, why] of cases) {
    it(name, () => {
      const route = routeInput(input)
      expect(route.kind, reason(route)).toBe('rejected')
      expect(reason(route)).toMatch(why)
    })
  }

  it('quotes the input in one line, shortened', () => {
    const text = reason(routeInput(`https://x.example/${'a'.repeat(500)}\u001b[2J`))
    expect(text.length).toBeLessThan(250)
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u001f]/)
  })

  it('refuses a device or socket, and follows a symlink to what it names', () => {
    const stat = (): PathKind => 'other'
    expect(reason(routeInput('/dev/null', {stat}))).toMatch(/not a file or folder/)
    const alias = path.join(tmp, 'alias')
    symlinkSync(project, alias)
    expect(routeInput(alias)).toEqual({kind: 'project', path: alias})
  })

  it('knows Windows paths on Windows', () => {
    const stat = (): PathKind => 'dir'
    const win = {stat, pathApi: path.win32}
    expect(routeInput('C:\\src\\shop', win)).toEqual({kind: 'project', path: 'C:\\src\\shop'})
    expect(reason(routeInput('src\\shop', win))).toMatch(/not an absolute path/)
    expect(reason(routeInput('C:\\src\\..\\shop', win))).toMatch(/"\.\."/)
  })
})

describe('routeArgv', () => {
  const dev = {isPackaged: false, cwd: tmp}

  it('routes the inputs after the app (packaged) or the script (dev), skipping switches', () => {
    const argv = ['/opt/kx/kolo-explorer', '--no-sandbox', 'shop', koloFile, formatLink(project)]
    expect(routeArgv(argv, {isPackaged: true, cwd: tmp})).toEqual([
      {kind: 'project', path: project},
      {kind: 'project', path: koloFile},
      {kind: 'project', path: project},
    ])
    expect(routeArgv(['electron', 'dist/main/electron.cjs', '--inspect', 'shop'], dev)).toEqual([
      {kind: 'project', path: project},
    ])
    expect(routeArgv(['electron', 'dist/main/electron.cjs'], dev)).toEqual([])
  })

  it('takes relative paths from the launch directory, and still refuses what is not there', () => {
    expect(routeArgv(['e', 's', 'shop/../shop'], dev)).toEqual([{kind: 'project', path: project}])
    const [missing] = routeArgv(['e', 's', 'nope'], dev)
    expect(reason(missing!)).toMatch(/no such file or folder/)
    const [other] = routeArgv(['e', 's', 'http://x.example/'], dev)
    expect(reason(other!)).toMatch(/unsupported scheme/)
  })

  it('refuses a huge command line whole, opening nothing', () => {
    const many = Array.from({length: maxArgvInputs + 1}, () => project)
    const routes = routeArgv(['e', 's', ...many], dev)
    expect(routes).toHaveLength(1)
    expect(reason(routes[0]!)).toMatch(/Too many arguments \(33; at most 32\): nothing was opened/)
    const long = Array.from({length: 20}, () => '/' + 'x'.repeat(4000))
    expect(reason(routeArgv(['e', 's', ...long], dev)[0]!)).toMatch(/too long/)
  })
})
