import type {Expr} from './py-expr'
import {atom, binop, call, flat, pyStr} from './py-expr'
import type {Stmt} from './py-statements'
import type {PythonImports} from './python-imports'
import type {TestStyle} from './report'

/** How one test style spells the client, assertions and expected exceptions. */
export interface StyleWriter {
  style: TestStyle
  /** The Django test client (`self.client` or the `client` fixture). */
  client: string
  equal(actual: Expr, expected: Expr): Stmt
  isNone(actual: Expr): Stmt
  isFalse(actual: Expr): Stmt
  contains(response: Expr, text: string, status: number): Stmt
  templateUsed(response: Expr, template: string): Stmt
  redirects(response: Expr, url: Expr, status: number): Stmt
  raises(exception: string, message: string | undefined, body: Stmt[]): Stmt
}

/** The writer for a style; it records the imports it uses. */
export function styleWriter(style: TestStyle, imports: PythonImports): StyleWriter {
  return style === 'pytest' ? pytestWriter(imports) : djangoWriter()
}

function djangoWriter(): StyleWriter {
  const self = (method: string, args: Expr[], kwargs: [string, Expr][] = []): Stmt => ({
    t: 'expr',
    value: call(`self.${method}`, args, kwargs),
  })
  return {
    style: 'django',
    client: 'self.client',
    equal: (a, e) => self('assertEqual', [a, e]),
    isNone: a => self('assertIsNone', [a]),
    isFalse: a => self('assertFalse', [a]),
    contains: (r, text, status) =>
      self(
        'assertContains',
        [r, atom(pyStr(text))],
        status === 200 ? [] : [['status_code', atom(String(status))]],
      ),
    templateUsed: (r, name) => self('assertTemplateUsed', [r, atom(pyStr(name))]),
    redirects: (r, url, status) =>
      self(
        'assertRedirects',
        [r, url],
        [
          ...(status === 302 ? [] : ([['status_code', atom(String(status))]] as [string, Expr][])),
          ['fetch_redirect_response', atom('False')],
        ],
      ),
    raises: (exception, message, body) => ({
      t: 'with',
      context:
        message === undefined
          ? call('self.assertRaises', [atom(exception)])
          : call('self.assertRaisesMessage', [atom(exception), atom(pyStr(message))]),
      body,
    }),
  }
}

function pytestWriter(imports: PythonImports): StyleWriter {
  const helper = (name: string): string => imports.from('pytest_django.asserts', name)
  return {
    style: 'pytest',
    client: 'client',
    equal: (a, e) => ({t: 'assert', test: binop('==', a, e)}),
    isNone: a => ({t: 'assert', test: binop('is', a, atom('None'))}),
    isFalse: a => ({t: 'assert', test: atom(`not ${flat(a)}`)}),
    contains: (r, text, status) => ({
      t: 'expr',
      value: call(
        helper('assertContains'),
        [r, atom(pyStr(text))],
        status === 200 ? [] : [['status_code', atom(String(status))]],
      ),
    }),
    templateUsed: (r, name) => ({
      t: 'expr',
      value: call(helper('assertTemplateUsed'), [r, atom(pyStr(name))]),
    }),
    redirects: (r, url, status) => ({
      t: 'expr',
      value: call(
        helper('assertRedirects'),
        [r, url],
        [
          ...(status === 302 ? [] : ([['status_code', atom(String(status))]] as [string, Expr][])),
          ['fetch_redirect_response', atom('False')],
        ],
      ),
    }),
    raises: (exception, message, body) => ({
      t: 'with',
      context: call(
        `${imports.module('pytest')}.raises`,
        [atom(exception)],
        message === undefined
          ? []
          : [['match', call(`${imports.module('re')}.escape`, [atom(pyStr(message))])]],
      ),
      body,
    }),
  }
}
