import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {PyDecimal, PyRepr, PyTemporal} from '../../main/node/decode/py-objects'
import {tuple, traceMap} from '../../main/node/demo/demo-kit'
import {writeKolo2Store} from '../../main/node/kolo-writer/kolo2-store'
import {TraceRecorder} from '../../main/node/kolo-writer/trace-recorder'
import {seededRandom, traceId as newTraceId} from '../../main/node/kolo-writer/ulid'

/** A generated project with one request trace of about `4 × items + 5` SQL queries. */
export interface ShopProject {
  project: string
  traceId: string
  queries: number
}

const MODELS = `from django.conf import settings
from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class Product(models.Model):
    name = models.CharField(max_length=200)
    sku = models.CharField(max_length=32, unique=True)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    stock = models.PositiveIntegerField(default=0)
    category = models.ForeignKey(Category, on_delete=models.PROTECT)


class Customer(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=200)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    status = models.CharField(max_length=20, choices=[("new", "New"), ("paid", "Paid")], default="new")
    created_at = models.DateTimeField(auto_now_add=True)
    total = models.DecimalField(max_digits=10, decimal_places=2)


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=8, decimal_places=2)
`

const q = (table: string, columns: string[]): string =>
  columns.map(c => `"${table}"."${c}"`).join(', ')
const PRODUCT = ['id', 'name', 'sku', 'price', 'stock', 'category_id']
const USER = [
  'id',
  'password',
  'last_login',
  'is_superuser',
  'username',
  'first_name',
  'last_name',
  'email',
  'is_staff',
  'is_active',
  'date_joined',
]

/**
 * Writes a Django shop project (models.py, apps, settings) with a Kolo 2.40 store holding one
 * `POST /orders/` trace: a logged-in session, an N+1 product/category walk, an order with `items`
 * order items, stock updates, and a payment call through requests. About 4 × items + 5 queries.
 */
export function writeShopProject(root: string, items: number, seed = 7): ShopProject {
  const project = path.join(root, `shop-${items}`)
  mkdirSync(path.join(project, 'shop'), {recursive: true})
  mkdirSync(path.join(project, 'config'), {recursive: true})
  writeFileSync(path.join(project, 'manage.py'), '#!/usr/bin/env python3\n')
  writeFileSync(path.join(project, 'config', 'settings.py'), 'USE_TZ = True\n')
  writeFileSync(path.join(project, 'shop', '__init__.py'), '')
  writeFileSync(
    path.join(project, 'shop', 'apps.py'),
    'from django.apps import AppConfig\n\n\nclass ShopConfig(AppConfig):\n    name = "shop"\n',
  )
  writeFileSync(path.join(project, 'shop', 'models.py'), MODELS)
  const random = seededRandom(seed)
  const start = 1_795_600_000
  const rec = new TraceRecorder(start, random)
  let queries = 0
  const sql = (template: string, params: unknown[], data: unknown): void => {
    rec.sql({template, params, data, database: 'postgresql'}, 0.3)
    queries++
  }
  const lines = Array.from({length: items}, (_, i) => ({
    product: i + 1,
    quantity: (i % 3) + 1,
    price: `${10 + i}.50`,
    category: (i % 5) + 1,
  }))
  const body = JSON.stringify({
    customer: 1,
    items: lines.map(l => ({product: l.product, quantity: l.quantity})),
  })
  const requestId = rec.event('django_request', {
    body,
    headers: {
      'Content-Type': 'application/json',
      'Content-Length': String(body.length),
      Host: 'shop.test',
      'X-Api-Key': 'k-123',
      Cookie: 'sessionid=abc; csrftoken=zz',
    },
    method: 'POST',
    path_info: '/orders/',
    post_data: {},
    query_params: {},
    scheme: 'https',
  })
  const aware = (s: number): PyTemporal =>
    new PyTemporal('datetime', new Date(s * 1000).toISOString().replace('Z', '+00:00'))
  sql(
    `SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > %s AND "django_session"."session_key" = %s) LIMIT 21`,
    [aware(start), 'abc'],
    [[tuple('abc', 'e30:1uQ:sig', aware(start + 86400))]],
  )
  sql(
    `SELECT ${q('auth_user', USER)} FROM "auth_user" WHERE "auth_user"."id" = %s LIMIT 21`,
    [7],
    [
      [
        tuple(
          7,
          'pbkdf2_sha256$1$x$y',
          null,
          false,
          'ada',
          'Ada',
          'Lovelace',
          'ada@example.com',
          false,
          true,
          aware(start - 86400),
        ),
      ],
    ],
  )
  const request = new PyRepr("<WSGIRequest: POST '/orders/'>")
  const view = rec.call(
    {file: 'shop/views.py', line: 10, qualname: 'shop.views.create_order'},
    {request},
  )
  sql(
    `SELECT "shop_customer"."id", "shop_customer"."user_id", "shop_customer"."name" FROM "shop_customer" WHERE "shop_customer"."id" = %s LIMIT 21`,
    [1],
    [[tuple(1, 7, 'Ada Lovelace')]],
  )
  for (const l of lines) {
    sql(
      `SELECT ${q('shop_product', PRODUCT)} FROM "shop_product" WHERE "shop_product"."id" = %s LIMIT 21`,
      [l.product],
      [
        [
          tuple(
            l.product,
            `Product ${l.product}`,
            `SKU-${l.product}`,
            new PyDecimal(l.price),
            100,
            l.category,
          ),
        ],
      ],
    )
    sql(
      `SELECT "shop_category"."id", "shop_category"."name" FROM "shop_category" WHERE "shop_category"."id" = %s LIMIT 21`,
      [l.category],
      [[tuple(l.category, `Category ${l.category}`)]],
    )
  }
  const total = lines.reduce((t, l) => t + Number(l.price) * l.quantity, 0).toFixed(2)
  const created = aware(rec.now)
  sql(
    'INSERT INTO "shop_order" ("customer_id", "status", "created_at", "total") VALUES (%s, %s, %s, %s) RETURNING "shop_order"."id"',
    [1, 'new', created, new PyDecimal(total)],
    [tuple(501)],
  )
  lines.forEach((l, i) => {
    sql(
      'INSERT INTO "shop_orderitem" ("order_id", "product_id", "quantity", "unit_price") VALUES (%s, %s, %s, %s) RETURNING "shop_orderitem"."id"',
      [501, l.product, l.quantity, new PyDecimal(l.price)],
      [tuple(9000 + i)],
    )
  })
  for (const l of lines) {
    sql(
      'UPDATE "shop_product" SET "stock" = %s WHERE "shop_product"."id" = %s',
      [100 - l.quantity, l.product],
      1,
    )
  }
  const pay = rec.call(
    {file: 'shop/payments.py', line: 5, qualname: 'shop.payments.charge'},
    {amount: new PyDecimal(total)},
  )
  const charge = JSON.stringify({id: 'ch_1', status: 'paid'})
  const http = rec.event('outbound_http_request', {
    subtype: 'requests',
    method: 'POST',
    url: 'https://payments.example.com/charge',
    method_and_full_url: 'POST https://payments.example.com/charge',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({amount: total}),
  })
  rec.wait(2)
  rec.event(
    'outbound_http_response',
    {
      subtype: 'requests',
      method: 'POST',
      url: 'https://payments.example.com/charge',
      method_and_full_url: 'POST https://payments.example.com/charge',
      headers: {'Content-Type': 'application/json'},
      body: charge,
      status_code: 200,
    },
    http,
  )
  rec.ret(pay, 9, {id: 'ch_1', status: 'paid'}, {})
  sql('UPDATE "shop_order" SET "status" = %s WHERE "shop_order"."id" = %s', ['paid', 501], 1)
  const content = JSON.stringify({id: 501, total, status: 'paid'})
  rec.ret(view, 30, new PyRepr('<JsonResponse status_code=201, "application/json">'), {})
  rec.event(
    'django_response',
    {
      ms_duration: 42,
      status_code: 201,
      content,
      headers: {'Content-Type': 'application/json'},
      url_pattern: {
        namespace: '',
        route: 'orders/',
        route_params: {captured: {}, defaults: {}},
        url_name: 'create_order',
        view_qualname: 'shop.views.create_order',
        view_params: {positional: tuple(), keyword: {}},
      },
    },
    requestId,
  )
  const id = newTraceId(start, random)
  const trace = traceMap({
    traceId: id,
    timestamp: start,
    name: '201 POST /orders/',
    source: 'kolo.middleware.KoloMiddleware',
    argv: ['manage.py', 'runserver'],
    thread: {name: 'MainThread', nativeId: 1, ident: 1, daemon: false, records: rec.records},
  })
  writeKolo2Store(project, [trace])
  return {project, traceId: id, queries}
}
