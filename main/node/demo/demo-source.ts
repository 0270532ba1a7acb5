/**
 * The Python source of the demo project ("acme-shop", a small Django shop), written beside its
 * `.kolo/` so the frame view can show the code the demo traces point at.
 *
 * The traces take their line numbers from these texts (`lineOf`), so editing a file here moves
 * the traces with it.
 */

const models = `from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=200)
    email = models.EmailField(unique=True)
    tier = models.CharField(max_length=20, default="standard")

    def __str__(self):
        return self.name


class Product(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    title = models.CharField(max_length=200)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    stock = models.IntegerField(default=0)


class Order(models.Model):
    class Status(models.IntegerChoices):
        PENDING = 1
        PAID = 2
        FAILED = 3

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    status = models.IntegerField(choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    ship_by = models.DateField(null=True)
    tags = models.JSONField(default=list)

    def __str__(self):
        return f"#{self.pk}"


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField(default=1)
    unit_price = models.DecimalField(max_digits=8, decimal_places=2)
`

const views = `import logging
from datetime import time

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .models import Customer, Order
from .payments import charge_card
from .services import create_order, order_total, parse_cart, summarise_orders

logger = logging.getLogger(__name__)

DISPATCH_CUTOFF = time(14, 0)


def order_list(request):
    status = Order.Status(int(request.GET.get("status", Order.Status.PAID)))
    orders = Order.objects.filter(status=status).order_by("-created_at")[:4]
    rows = summarise_orders(orders)
    logger.info("listed %d orders with status %s", len(rows), status.label)
    return render(request, "orders/order_list.html", {"rows": rows, "page_title": "Recent orders"})


def order_detail(request, order_id):
    order = get_object_or_404(Order.objects.select_related("customer"), id=order_id)
    items = list(order.items.select_related("product"))
    total = order_total(order)
    ships_today = timezone.localtime().time() < DISPATCH_CUTOFF
    context = {"order": order, "items": items, "total": total, "ships_today": ships_today, "cutoff": DISPATCH_CUTOFF}
    return render(request, "orders/order_detail.html", context)


def checkout(request):
    customer = Customer.objects.get(email=request.POST["email"])
    cart = parse_cart(request.POST)
    order = create_order(customer, cart)
    receipt = charge_card(order, request.POST["card_token"])
    return JsonResponse({"order": order.id, "receipt": receipt["id"]})
`

const services = `import logging
from decimal import ROUND_HALF_UP, Decimal

from .models import Order, OrderItem, Product
from .tasks import reserve_stock

logger = logging.getLogger(__name__)

TAX_RATE = Decimal("0.20")
FREE_SHIPPING_OVER = Decimal("100.00")
ALLOWED_TAGS = ("gift", "express", "fragile")


def summarise_orders(orders):
    """One row per order for the list page."""
    rows = []
    for order in orders:
        customer = order.customer  # one query per order
        rows.append(
            {
                "id": order.id,
                "customer": customer.name,
                "total": order_total(order),
                "status": order.get_status_display(),
                "created": order.created_at,
            }
        )
    return rows


def order_total(order):
    subtotal = Decimal("0.00")
    for item in order.items.all():
        subtotal += item.quantity * item.unit_price
    tax = (subtotal * TAX_RATE).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    shipping = Decimal("0.00") if subtotal >= FREE_SHIPPING_OVER else Decimal("4.95")
    return subtotal + tax + shipping


def parse_cart(data):
    allowed_tags = frozenset(ALLOWED_TAGS)
    lines = {int(sku): int(quantity) for sku, quantity in zip(data.getlist("sku"), data.getlist("qty"))}
    prices = dict(Product.objects.filter(id__in=lines).values_list("id", "price"))
    tags = {tag for tag in data.getlist("tag") if tag in allowed_tags}
    return {"lines": lines, "prices": prices, "tags": tags, "coupon": data.get("coupon")}


def create_order(customer, cart):
    order = Order.objects.create(customer=customer, tags=sorted(cart["tags"]))
    for product_id, quantity in cart["lines"].items():
        price = cart["prices"][product_id]
        OrderItem.objects.create(order=order, product_id=product_id, quantity=quantity, unit_price=price)
    reserve_stock.delay(order.id)
    logger.info("created order %s for %s", order.id, customer.email)
    return order
`

const payments = `import hashlib
import hmac
import json
import logging

import requests
from django.conf import settings

from .services import order_total

logger = logging.getLogger(__name__)


class PaymentDeclined(Exception):
    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code


class GatewayClient:
    def __init__(self, api_key):
        self.session = requests.Session()
        self.api_key = api_key

    def __repr__(self):
        return f"<GatewayClient key=...{self.api_key[-4:]}>"

    def post_charge(self, payload):
        body = json.dumps(payload, sort_keys=True).encode()
        signature = hmac.new(self.api_key.encode(), body, hashlib.sha256).digest()
        response = self.session.post(
            f"{settings.PAYMENTS_URL}/v1/charges",
            data=body,
            headers={"Content-Type": "application/json", "X-Signature": signature.hex()},
            timeout=10,
        )
        return response.status_code, response.json()


def charge_card(order, card_token):
    client = GatewayClient(settings.PAYMENTS_API_KEY)
    payload = {
        "amount": int(order_total(order) * 100),
        "currency": "EUR",
        "source": card_token,
        "idempotency_key": f"order-{order.id}",
    }
    status, body = client.post_charge(payload)
    if status != 200:
        logger.warning("charge for order %s declined: %s", order.id, body["error"]["code"])
        raise PaymentDeclined(body["error"]["code"], body["error"]["message"])
    return body
`

const middleware = `import time
import uuid

from django.utils.deprecation import MiddlewareMixin


class RequestTimingMiddleware(MiddlewareMixin):
    def process_request(self, request):
        request_id = uuid.uuid4().int
        request.started_at = time.perf_counter()
        request.request_id = request_id

    def process_response(self, request, response):
        elapsed_ms = (time.perf_counter() - request.started_at) * 1000
        response["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
        response["X-Request-Id"] = f"{request.request_id:032x}"
        return response
`

const metrics = `import logging
import threading
import time
from collections import Counter

logger = logging.getLogger(__name__)


class MetricsReporter(threading.Thread):
    def __init__(self, interval=5.0):
        super().__init__(name="metrics-reporter", daemon=True)
        self.interval = interval
        self.counters = Counter()

    def run(self):
        while True:
            time.sleep(self.interval)
            self.flush()

    def flush(self):
        snapshot = dict(self.counters)
        self.counters.clear()
        logger.debug("flushing %d counters", len(snapshot))
        return snapshot
`

const tasks = `from celery import shared_task
from django.db.models import F

from .models import OrderItem, Product


@shared_task
def reserve_stock(order_id):
    for item in OrderItem.objects.filter(order_id=order_id).select_related("product"):
        Product.objects.filter(id=item.product_id).update(stock=F("stock") - item.quantity)
`

const tests = `from django.test import TestCase

from .models import Customer, Order


class OrderListTests(TestCase):
    def setUp(self):
        self.customer = Customer.objects.create(name="Ada Lovelace", email="ada@example.com", tier="gold")
        self.order = Order.objects.create(customer=self.customer, status=Order.Status.PAID, tags=["gift"])

    def test_list_shows_customers(self):
        response = self.client.get("/orders/")
        self.assertContains(response, "Ada Lovelace")
`

const urls = `from django.urls import path

from orders import views

urlpatterns = [
    path("orders/", views.order_list, name="order_list"),
    path("orders/<int:order_id>/", views.order_detail, name="order_detail"),
    path("checkout/", views.checkout, name="checkout"),
]
`

const base = `<!doctype html>
<html><head><title>{% block title %}Acme Shop{% endblock %}</title></head>
<body>{% block body %}{% endblock %}</body></html>
`

const orderList = `{% extends "orders/base.html" %}
{% block title %}{{ page_title }}{% endblock %}
{% block body %}
<h1>{{ page_title }}</h1>
<table>
{% for row in rows %}
  <tr><td><a href="{% url 'order_detail' row.id %}">#{{ row.id }}</a></td><td>{{ row.customer }}</td>
      <td>{{ row.total }} €</td><td>{{ row.status }}</td><td>{{ row.created|date:"M j, H:i" }}</td></tr>
{% endfor %}
</table>
{% endblock %}
`

const orderDetail = `{% extends "orders/base.html" %}
{% block title %}Order #{{ order.id }}{% endblock %}
{% block body %}
<h1>Order #{{ order.id }} for {{ order.customer.name }}</h1>
<ul>{% for item in items %}<li>{{ item.quantity }} × {{ item.product.title }} at {{ item.unit_price }} €</li>{% endfor %}</ul>
<p>Total {{ total }} €{% if ships_today %}, ships today{% else %}, ships tomorrow (cut-off {{ cutoff }}){% endif %}</p>
{% endblock %}
`

const manage = `#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "acme.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
`

const readme = `Kolo Explorer demo project
==========================

A small Django shop ("acme-shop") and a Kolo 2.40 store (.kolo/db.sqlite3) with a few traces
of it: an order list with an N+1 query pattern, an order page, a checkout that calls a payment
gateway and fails with a 500, and a Django test. The traces are generated by Kolo Explorer
(no Python ran); this folder is rewritten when a new version of the demo ships.
`

/** The demo project's files, by path relative to the project folder. */
export const demoSources: Readonly<Record<string, string>> = {
  'README.txt': readme,
  'manage.py': manage,
  'acme/__init__.py': '',
  'acme/urls.py': urls,
  'orders/__init__.py': '',
  'orders/models.py': models,
  'orders/views.py': views,
  'orders/services.py': services,
  'orders/payments.py': payments,
  'orders/middleware.py': middleware,
  'orders/metrics.py': metrics,
  'orders/tasks.py': tasks,
  'orders/tests.py': tests,
  'orders/templates/orders/base.html': base,
  'orders/templates/orders/order_list.html': orderList,
  'orders/templates/orders/order_detail.html': orderDetail,
}

/**
 * The 1-based line of `file` that contains `marker` (its `nth` occurrence, from 1).
 *
 * Throws when the marker is missing, so a source edit that breaks a trace fails the tests.
 */
export function lineOf(file: string, marker: string, nth = 1): number {
  const lines = (demoSources[file] ?? '').split('\n')
  let seen = 0
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.includes(marker) && ++seen === nth) return i + 1
  }
  throw new Error(`demo source ${file} has no line with ${JSON.stringify(marker)} (#${nth})`)
}
