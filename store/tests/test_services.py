from django.core.exceptions import ValidationError

import pytest

from payments.tests.factories import TransactionFactory
from store.models import Order
from store.services import (
    order_cancel,
    order_mark_delivered,
    order_mark_paid,
    order_mark_processing,
    order_mark_refunded,
    order_mark_shipped,
)

from .factories import OrderFactory

pytestmark = pytest.mark.django_db


def test_order_mark_paid_links_the_transaction_and_stamps_the_time():
    order = OrderFactory()
    payment = TransactionFactory(user=order.user, amount=order.total, completed=True)

    order_mark_paid(order=order, payment_transaction=payment)

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert order.paid_at is not None
    assert order.payment_transaction == payment


def test_order_moves_from_paid_to_delivered():
    order = OrderFactory(paid=True)

    order_mark_processing(order=order)
    order_mark_shipped(order=order, tracking_number="G4S12345678")
    order_mark_delivered(order=order)

    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    assert order.tracking_number == "G4S12345678"
    assert order.shipped_at <= order.delivered_at


def test_the_callers_instance_sees_the_new_status():
    order = OrderFactory(paid=True)

    order_mark_shipped(order=order)

    assert order.status == Order.Status.SHIPPED
    assert order.shipped_at is not None


def test_an_unpaid_order_cannot_ship():
    order = OrderFactory()

    with pytest.raises(ValidationError) as excinfo:
        order_mark_shipped(order=order)

    assert excinfo.value.code == "invalid_transition"
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert order.shipped_at is None


def test_an_unpaid_order_can_be_cancelled():
    order = OrderFactory()

    order_cancel(order=order)

    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert order.cancelled_at is not None


def test_a_paid_order_is_refunded_not_cancelled():
    order = OrderFactory(paid=True)

    with pytest.raises(ValidationError, match="cannot become Cancelled"):
        order_cancel(order=order)

    order_mark_refunded(order=order)
    assert order.status == Order.Status.REFUNDED


def test_a_cancelled_order_stays_cancelled():
    order = OrderFactory(cancelled=True)

    with pytest.raises(ValidationError):
        order_mark_paid(order=order)
