"""Store writes. For now: the order status transitions staff and payments drive.

Each transition locks the order row, checks the move is allowed, then sets
`status` and its timestamp together (the `orders_*_has_time` checks demand
both). Inventory is not touched here; the checkout service that reserves
stock must also release it in `order_cancel`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments.models import Transaction

from .models import Order

S = Order.Status

# status -> statuses it may move to
ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING_PAYMENT: frozenset({S.PAID, S.CANCELLED}),
    S.PAID: frozenset({S.PROCESSING, S.SHIPPED, S.REFUNDED}),
    S.PROCESSING: frozenset({S.SHIPPED, S.REFUNDED}),
    S.SHIPPED: frozenset({S.DELIVERED, S.REFUNDED}),
    S.DELIVERED: frozenset({S.REFUNDED}),
    S.CANCELLED: frozenset(),
    S.REFUNDED: frozenset(),
}

TIMESTAMP_OF_STATUS = {
    S.PAID: "paid_at",
    S.SHIPPED: "shipped_at",
    S.DELIVERED: "delivered_at",
    S.CANCELLED: "cancelled_at",
    S.REFUNDED: "refunded_at",
}


def _order_move(*, order: Order, to: str, extra: dict | None = None) -> Order:
    """Lock `order`, move it to status `to` and stamp the matching time."""
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if to not in ORDER_TRANSITIONS[locked.status]:
        raise ValidationError(
            _("An order that is %(current)s cannot become %(new)s."),
            code="invalid_transition",
            params={"current": locked.get_status_display(), "new": S(to).label},
        )
    locked.status = to
    fields = ["status", "updated_at"]
    stamp = TIMESTAMP_OF_STATUS.get(to)
    if stamp:
        setattr(locked, stamp, timezone.now())
        fields.append(stamp)
    for name, value in (extra or {}).items():
        setattr(locked, name, value)
        fields.append(name)
    locked.save(update_fields=fields)
    # Keep the caller's instance current (admin and services reuse it).
    for name in fields:
        setattr(order, name, getattr(locked, name))
    return locked


@transaction.atomic
def order_mark_paid(
    *, order: Order, payment_transaction: Transaction | None = None
) -> Order:
    """Record that the order's payment completed (called by payment fulfilment)."""
    extra = (
        {"payment_transaction": payment_transaction} if payment_transaction else None
    )
    return _order_move(order=order, to=S.PAID, extra=extra)


@transaction.atomic
def order_mark_processing(*, order: Order) -> Order:
    """Staff started packing a paid order."""
    return _order_move(order=order, to=S.PROCESSING)


@transaction.atomic
def order_mark_shipped(*, order: Order, tracking_number: str = "") -> Order:
    """Hand the order to the courier, optionally with its tracking number."""
    extra = {"tracking_number": tracking_number} if tracking_number else None
    return _order_move(order=order, to=S.SHIPPED, extra=extra)


@transaction.atomic
def order_mark_delivered(*, order: Order) -> Order:
    """The customer received the parcel."""
    return _order_move(order=order, to=S.DELIVERED)


@transaction.atomic
def order_cancel(*, order: Order) -> Order:
    """Cancel an order that was never paid (a paid one is refunded instead)."""
    return _order_move(order=order, to=S.CANCELLED)


@transaction.atomic
def order_mark_refunded(*, order: Order) -> Order:
    """Record that the payment was returned (after the gateway refund succeeded)."""
    return _order_move(order=order, to=S.REFUNDED)
