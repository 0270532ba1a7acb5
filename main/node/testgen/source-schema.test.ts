import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {SchemaIndex} from '../../../shared/testgen/schema'
import {schemaFromSource} from './source-schema'

const fixtures = path.resolve(import.meta.dirname, '../../../../shared/fixtures')
const tmp = mkdtempSync(path.join(tmpdir(), 'kx-schema-'))
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmp, 'p-'))
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), {recursive: true})
    writeFileSync(path.join(root, file), text)
  }
  return root
}

describe('schemaFromSource', () => {
  it('reads the bookshelf models: tables, field kinds, defaults, relations, __str__', () => {
    const schema = schemaFromSource(path.join(fixtures, 'bookshelf', 'app'))
    const index = new SchemaIndex(schema)
    expect(schema.origin).toBe('source')
    expect(schema.useTz).toBe(true)
    expect(index.model('shelf_author')).toMatchObject({
      module: 'shelf.models',
      className: 'Author',
      appLabel: 'shelf',
      strField: 'name',
    })
    expect(index.model('shelf_book')?.defaultStr).toBe(true)
    expect(index.field('shelf_book', 'author_id')).toMatchObject({
      name: 'author',
      kind: 'fk',
      relatedTable: 'shelf_author',
      null: false,
    })
    expect(index.field('shelf_book', 'price')).toMatchObject({kind: 'decimal', decimalPlaces: 2})
    expect(index.field('shelf_book', 'tags')).toMatchObject({
      kind: 'json',
      default: {kind: 'empty', container: 'list'},
    })
    expect(index.field('shelf_book', 'isbn')).toMatchObject({unique: true, maxLength: 13})
    expect(index.field('shelf_review', 'created_at')).toMatchObject({
      kind: 'datetime',
      autoNowAdd: true,
    })
    expect(index.field('shelf_author', 'born')).toMatchObject({kind: 'date', null: true})
    expect(index.pk('shelf_review')).toMatchObject({column: 'id', kind: 'auto'})
    // Known without their source: auth users for a logged-in request.
    expect(index.model('auth_user')).toMatchObject({
      isUser: true,
      module: 'django.contrib.auth.models',
    })
  })

  it('follows abstract bases, db_table, custom fields, packages, apps.py labels, M2M tables', () => {
    const root = project({
      'manage.py': '',
      'config/settings.py': 'USE_TZ = False\nAUTH_USER_MODEL = "core.Profile"  # ours\n',
      'core/fields.py':
        'from django.db import models\n\n\nclass MoneyField(models.DecimalField):\n    pass\n',
      'core/models.py': [
        'from django.db import models',
        'from django.conf import settings',
        '',
        '',
        'class Stamped(models.Model):',
        '    created = models.DateTimeField(auto_now_add=True)',
        '',
        '    class Meta:',
        '        abstract = True',
        '',
        '',
        'class Profile(AbstractUser):',
        '    nickname = models.CharField(max_length=30, blank=True)',
      ].join('\n'),
      'billing/apps.py':
        'class BillingConfig(AppConfig):\n    name = "project.billing"\n    label = "money"\n',
      'billing/models/__init__.py': 'from .invoice import Invoice\n',
      'billing/models/invoice.py': [
        'from django.db import models',
        'from core.fields import MoneyField',
        'from core.models import Stamped',
        '',
        '',
        'class Invoice(Stamped):',
        '    number = models.CharField(',
        '        max_length=20,',
        '        unique=True,',
        '    )',
        '    owner = models.ForeignKey(',
        '        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, db_column="owner"',
        '    )',
        '    total = MoneyField(max_digits=9, decimal_places=2, default=Decimal("0.00"))',
        '    parent = models.ForeignKey("self", null=True, on_delete=models.SET_NULL)',
        '    lines = models.ManyToManyField("Line")',
        '    objects = models.Manager()',
        '',
        '    class Meta:',
        '        db_table = "invoices"',
        '',
        '    def __str__(self):',
        '        return f"{self.number}"',
        '',
        '',
        'class Line(models.Model):',
        '    code = models.UUIDField(primary_key=True)',
      ].join('\n'),
    })
    const schema = schemaFromSource(root)
    const index = new SchemaIndex(schema)
    expect(schema.useTz).toBe(false)
    const invoice = index.model('invoices')!
    expect(invoice).toMatchObject({
      module: 'billing.models.invoice',
      className: 'Invoice',
      appLabel: 'money',
      strField: 'number',
    })
    expect(invoice.fields.map(f => f.column)).toEqual([
      'id',
      'created',
      'number',
      'owner',
      'total',
      'parent_id',
    ])
    expect(index.field('invoices', 'created')).toMatchObject({autoNowAdd: true})
    expect(index.field('invoices', 'owner')).toMatchObject({
      name: 'owner',
      attname: 'owner_id',
      relatedTable: 'core_profile',
    })
    expect(index.field('invoices', 'total')).toMatchObject({
      kind: 'decimal',
      fieldClass: 'MoneyField',
      default: {kind: 'decimal', value: '0.00'},
    })
    expect(index.field('invoices', 'parent_id')).toMatchObject({
      relatedTable: 'invoices',
      null: true,
    })
    expect(index.model('money_line')?.fields[0]).toMatchObject({
      column: 'code',
      kind: 'uuid',
      primaryKey: true,
    })
    expect(index.model('invoices_lines')).toMatchObject({
      through: {ownerTable: 'invoices', field: 'lines'},
      fields: [
        {column: 'id'},
        {column: 'invoice_id', relatedTable: 'invoices'},
        {column: 'line_id', relatedTable: 'money_line'},
      ],
    })
    expect(index.model('core_profile')).toMatchObject({isUser: true})
    expect(index.model('core_profile')!.fields.map(f => f.column)).toContain('password')
    expect(index.model('core_stamped')).toBeUndefined()
  })
})
