import {customers, sql} from './demo-data'
import type {Customer, Order} from './demo-data'
import {fns, repr} from './demo-kit'
import {orderListRecords} from './demo-orders'
import {lineOf} from './demo-source'
import type {TraceRecorder} from '../kolo-writer/trace-recorder'

/** A Django test traced by `kolo run --one-trace-per-test manage.py test`: setUp, a test-client request. */

const T = 'orders/tests.py'

/** The records of OrderListTests.test_list_shows_customers. */
export function testTraceRecords(rec: TraceRecorder): void {
  const ada = customers[0] as Customer
  const order: Order = {
    id: 1,
    customerId: ada.id,
    createdAt: new Date(Math.round(rec.now * 1000) + 2).toISOString().replace('Z', '000+00:00'),
    tags: ['gift'],
    items: [],
  }
  const test = {test_name: 'test_list_shows_customers', test_class: 'OrderListTests'}
  const started = rec.event('start_test', test)
  const self = repr('<orders.tests.OrderListTests testMethod=test_list_shows_customers>')
  const setUp = rec.call(fns.setUp, {self})
  rec.at(lineOf(T, 'self.customer = Customer.objects.create('))
  rec.sql({...sql.insertCustomer(ada), database: 'postgresql'}, 0.9)
  rec.at(lineOf(T, 'self.order = Order.objects.create('))
  rec.sql(sql.insertOrder(order.id, ada.id, order.createdAt, order.tags, 2), 0.8)
  rec.ret(setUp, lineOf(T, 'self.order = Order.objects.create('), null, {self})

  const method = rec.call(fns.testList, {self})
  rec.at(lineOf(T, 'response = self.client.get("/orders/")'))
  rec.wait(1.2)
  orderListRecords(rec, [order], {Cookie: ''})
  const response = repr('<HttpResponse status_code=200, "text/html; charset=utf-8">')
  rec.at(lineOf(T, 'self.assertContains('))
  rec.wait(0.4)
  rec.ret(method, lineOf(T, 'self.assertContains('), null, {self, response})
  rec.wait(0.3)
  rec.event('end_test', test, started)
}
