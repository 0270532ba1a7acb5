import {PyDecimal, PyTemporal} from '../decode/py-objects'
import {repr, tuple} from './demo-kit'
import type {SqlQuery} from '../kolo-writer/trace-recorder'

/** The rows of the demo shop's database, and the SQL Django sends for them (PostgreSQL). */

/** A customer row. */
export interface Customer {
  id: number
  name: string
  email: string
  tier: string
}

/** A product row; prices in cents. */
export interface Product {
  id: number
  sku: string
  title: string
  cents: number
}

/** An order row with its items. */
export interface Order {
  id: number
  customerId: number
  createdAt: string
  shipBy?: string
  tags: string[]
  items: {id: number; productId: number; quantity: number; cents: number}[]
}

export const customers: Customer[] = [
  {id: 1, name: 'Ada Lovelace', email: 'ada@example.com', tier: 'gold'},
  {id: 2, name: 'Grace Hopper', email: 'grace@example.com', tier: 'standard'},
  {id: 3, name: 'Alan Turing', email: 'alan@example.com', tier: 'standard'},
  {id: 4, name: 'Katherine Johnson', email: 'katherine@example.com', tier: 'silver'},
]

export const products: Product[] = [
  {id: 11, sku: 'MUG-01', title: 'Enamel mug', cents: 1250},
  {id: 12, sku: 'TEE-BLK-M', title: 'Black tee (M)', cents: 2400},
  {id: 13, sku: 'NB-A5', title: 'A5 notebook', cents: 890},
  {id: 14, sku: 'PEN-FP', title: 'Fountain pen', cents: 4600},
]

export const orders: Order[] = [
  {
    id: 42,
    customerId: 1,
    createdAt: '2025-11-19T16:02:11.482913+00:00',
    shipBy: '2025-11-21',
    tags: ['gift'],
    items: [
      {id: 101, productId: 12, quantity: 2, cents: 2400},
      {id: 102, productId: 11, quantity: 1, cents: 1250},
    ],
  },
  {
    id: 41,
    customerId: 3,
    createdAt: '2025-11-19T11:47:03.120044+00:00',
    shipBy: '2025-11-21',
    tags: [],
    items: [
      {id: 99, productId: 14, quantity: 1, cents: 4600},
      {id: 100, productId: 13, quantity: 3, cents: 890},
    ],
  },
  {
    id: 39,
    customerId: 2,
    createdAt: '2025-11-18T09:15:42.907311+00:00',
    tags: ['express'],
    items: [
      {id: 95, productId: 14, quantity: 2, cents: 4600},
      {id: 96, productId: 12, quantity: 1, cents: 2400},
    ],
  },
  {
    id: 38,
    customerId: 4,
    createdAt: '2025-11-17T18:30:27.004519+00:00',
    shipBy: '2025-11-19',
    tags: ['gift', 'fragile'],
    items: [{id: 93, productId: 11, quantity: 4, cents: 1250}],
  },
]

/** Cents as a Decimal with two places. */
export const money = (cents: number): PyDecimal =>
  new PyDecimal(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`)

/** The figures order_total computes, in cents. */
export function totals(order: Order): {
  subtotal: number
  tax: number
  shipping: number
  total: number
} {
  const subtotal = order.items.reduce((sum, item) => sum + item.quantity * item.cents, 0)
  const tax = Math.round(subtotal * 0.2)
  const shipping = subtotal >= 10000 ? 0 : 495
  return {subtotal, tax, shipping, total: subtotal + tax + shipping}
}

export const customerOf = (order: Order): Customer =>
  customers.find(c => c.id === order.customerId) ?? (customers[0] as Customer)
export const productOf = (id: number): Product =>
  products.find(p => p.id === id) ?? (products[0] as Product)

/** reprs of model instances, as Django's default __str__/__repr__ make them. */
export const orderRepr = (order: Order) => repr(`<Order: #${order.id}>`)
export const customerRepr = (c: Customer) => repr(`<Customer: ${c.name}>`)
export const itemRepr = (id: number) => repr(`<OrderItem: OrderItem object (${id})>`)

const ORDER_COLS =
  '"orders_order"."id", "orders_order"."customer_id", "orders_order"."status", "orders_order"."created_at", "orders_order"."ship_by", "orders_order"."tags"'
const CUSTOMER_COLS =
  '"orders_customer"."id", "orders_customer"."name", "orders_customer"."email", "orders_customer"."tier"'
const ITEM_COLS =
  '"orders_orderitem"."id", "orders_orderitem"."order_id", "orders_orderitem"."product_id", "orders_orderitem"."quantity", "orders_orderitem"."unit_price"'
const PRODUCT_COLS =
  '"orders_product"."id", "orders_product"."sku", "orders_product"."title", "orders_product"."price", "orders_product"."stock"'

const orderRow = (o: Order): unknown[] => [
  o.id,
  o.customerId,
  2,
  new PyTemporal('datetime', o.createdAt),
  o.shipBy ? new PyTemporal('date', o.shipBy) : null,
  o.tags,
]
const customerRow = (c: Customer): unknown[] => [c.id, c.name, c.email, c.tier]
const productRow = (p: Product): unknown[] => [p.id, p.sku, p.title, money(p.cents), 40]
const itemRow = (o: Order, i: Order['items'][number]): unknown[] => [
  i.id,
  o.id,
  i.productId,
  i.quantity,
  money(i.cents),
]

/** The SQL of the demo, by what it does. */
export const sql = {
  recentOrders: (list: Order[]): SqlQuery => ({
    template: `SELECT ${ORDER_COLS} FROM "orders_order" WHERE "orders_order"."status" = %s ORDER BY "orders_order"."created_at" DESC LIMIT 4`,
    params: [2],
    data: [list.map(o => tuple(...orderRow(o)))],
  }),
  customer: (c: Customer): SqlQuery => ({
    template: `SELECT ${CUSTOMER_COLS} FROM "orders_customer" WHERE "orders_customer"."id" = %s LIMIT 21`,
    params: [c.id],
    data: [[tuple(...customerRow(c))]],
  }),
  customerByEmail: (c: Customer): SqlQuery => ({
    template: `SELECT ${CUSTOMER_COLS} FROM "orders_customer" WHERE "orders_customer"."email" = %s LIMIT 21`,
    params: [c.email],
    data: [[tuple(...customerRow(c))]],
  }),
  items: (o: Order): SqlQuery => ({
    template: `SELECT ${ITEM_COLS} FROM "orders_orderitem" WHERE "orders_orderitem"."order_id" = %s`,
    params: [o.id],
    data: [o.items.map(i => tuple(...itemRow(o, i)))],
  }),
  orderWithCustomer: (o: Order): SqlQuery => ({
    template: `SELECT ${ORDER_COLS}, ${CUSTOMER_COLS} FROM "orders_order" INNER JOIN "orders_customer" ON ("orders_order"."customer_id" = "orders_customer"."id") WHERE "orders_order"."id" = %s LIMIT 21`,
    params: [o.id],
    data: [[tuple(...orderRow(o), ...customerRow(customerOf(o)))]],
  }),
  itemsWithProducts: (o: Order): SqlQuery => ({
    template: `SELECT ${ITEM_COLS}, ${PRODUCT_COLS} FROM "orders_orderitem" INNER JOIN "orders_product" ON ("orders_orderitem"."product_id" = "orders_product"."id") WHERE "orders_orderitem"."order_id" = %s`,
    params: [o.id],
    data: [o.items.map(i => tuple(...itemRow(o, i), ...productRow(productOf(i.productId))))],
  }),
  prices: (ids: number[]): SqlQuery => ({
    template: `SELECT "orders_product"."id", "orders_product"."price" FROM "orders_product" WHERE "orders_product"."id" IN (${ids.map(() => '%s').join(', ')})`,
    params: ids,
    data: [ids.map(id => tuple(id, money(productOf(id).cents)))],
  }),
  insertOrder: (
    id: number,
    customerId: number,
    createdAt: string,
    tags: string[],
    status = 1,
  ): SqlQuery => ({
    template:
      'INSERT INTO "orders_order" ("customer_id", "status", "created_at", "ship_by", "tags") VALUES (%s, %s, %s, %s, %s) RETURNING "orders_order"."id"',
    params: [customerId, status, new PyTemporal('datetime', createdAt), null, JSON.stringify(tags)],
    data: [tuple(id)],
  }),
  insertItem: (
    id: number,
    orderId: number,
    productId: number,
    quantity: number,
    cents: number,
  ): SqlQuery => ({
    template:
      'INSERT INTO "orders_orderitem" ("order_id", "product_id", "quantity", "unit_price") VALUES (%s, %s, %s, %s) RETURNING "orders_orderitem"."id"',
    params: [orderId, productId, quantity, money(cents)],
    data: [tuple(id)],
  }),
  insertCustomer: (c: Customer): SqlQuery => ({
    template:
      'INSERT INTO "orders_customer" ("name", "email", "tier") VALUES (%s, %s, %s) RETURNING "orders_customer"."id"',
    params: [c.name, c.email, c.tier],
    data: [tuple(c.id)],
  }),
}
