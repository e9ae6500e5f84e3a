"""The store's block of the family data export (accounts.data_export)."""

from __future__ import annotations

from django.db.models import Prefetch

from .models import Cart, CartItem, Order, OrderItem, ShippingAddress


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def store_export(*, users, students) -> dict:
    """Orders with their lines, the address book and carts, in five queries."""
    orders = (
        Order.objects.filter(user__in=users)
        .select_related("user")
        .prefetch_related(
            Prefetch("items", queryset=OrderItem.objects.order_by("created_at"))
        )
        .order_by("created_at")
    )
    addresses = (
        ShippingAddress.objects.filter(user__in=users)
        .select_related("user")
        .order_by("created_at")
    )
    carts = (
        Cart.objects.filter(user__in=users)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=CartItem.objects.select_related("product").order_by(
                    "created_at"
                ),
            )
        )
        .order_by("created_at")
    )
    return {
        "orders": [
            {
                "user_email": o.user.email,
                "order_number": o.order_number,
                "status": o.status,
                "subtotal": str(o.subtotal),
                "shipping_fee": str(o.shipping_fee),
                "total": str(o.total),
                "currency": o.currency,
                "shipping_address": o.shipping_address,
                "customer_note": o.customer_note,
                "tracking_number": o.tracking_number,
                "created_at": _iso(o.created_at),
                "paid_at": _iso(o.paid_at),
                "shipped_at": _iso(o.shipped_at),
                "delivered_at": _iso(o.delivered_at),
                "cancelled_at": _iso(o.cancelled_at),
                "refunded_at": _iso(o.refunded_at),
                "items": [
                    {
                        "product_name": i.product_name,
                        "sku": i.sku,
                        "unit_price": str(i.unit_price),
                        "quantity": i.quantity,
                        "line_total": str(i.line_total),
                    }
                    for i in o.items.all()
                ],
            }
            for o in orders
        ],
        "shipping_addresses": [
            {"user_email": a.user.email, **a.snapshot(), "is_default": a.is_default}
            for a in addresses
        ],
        "carts": [
            {
                "user_email": c.user.email,
                "status": c.status,
                "currency": c.currency,
                "created_at": _iso(c.created_at),
                "converted_at": _iso(c.converted_at),
                "items": [
                    {
                        "product_name": i.product.name,
                        "quantity": i.quantity,
                        "unit_price": str(i.unit_price),
                    }
                    for i in c.items.all()
                ],
            }
            for c in carts
        ],
    }
