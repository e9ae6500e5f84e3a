from decimal import Decimal

from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from accounts.tests.factories import ParentFactory
from payments.models import Transaction
from payments.tests.factories import TransactionFactory
from store.models import (
    Cart,
    CartItem,
    Order,
    OrderItem,
    Product,
    ProductCategory,
    ShippingAddress,
)


class ProductCategoryFactory(DjangoModelFactory):
    class Meta:
        model = ProductCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Stationery {n}")
    slug = factory.Sequence(lambda n: f"stationery-{n}")
    description = "Exercise books, pens and geometry sets for CBC classes."
    display_order = factory.Sequence(lambda n: n)


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"A4 Exercise Book 96pg ({n})")
    slug = factory.Sequence(lambda n: f"a4-exercise-book-{n}")
    description = "Ruled 96-page exercise book, KICD-recommended size."
    price = Decimal("120.00")
    product_category = factory.SubFactory(ProductCategoryFactory)
    inventory_count = 50
    sku = factory.Sequence(lambda n: f"UHS-SKU-{n:05d}")
    weight_grams = 250
    images = factory.LazyFunction(lambda: ["https://cdn.example.co.ke/store/book.jpg"])
    tags = factory.LazyFunction(lambda: ["stationery", "grade-4"])

    class Params:
        on_sale = factory.Trait(
            compare_at_price=factory.LazyAttribute(lambda o: o.price + Decimal("30.00"))
        )
        out_of_stock = factory.Trait(inventory_count=0)
        inactive = factory.Trait(is_active=False)
        featured = factory.Trait(is_featured=True)


class CartFactory(DjangoModelFactory):
    """A signed-in user's open cart; `anonymous=True` gives a session cart."""

    class Meta:
        model = Cart

    user = factory.SubFactory(ParentFactory)
    session_key = None

    class Params:
        anonymous = factory.Trait(
            user=None, session_key=factory.Sequence(lambda n: f"session{n:033d}")
        )
        converted = factory.Trait(
            status=Cart.Status.CONVERTED,
            converted_at=factory.LazyFunction(timezone.now),
        )
        abandoned = factory.Trait(status=Cart.Status.ABANDONED)


class CartItemFactory(DjangoModelFactory):
    class Meta:
        model = CartItem

    cart = factory.SubFactory(CartFactory)
    product = factory.SubFactory(ProductFactory)
    quantity = 2
    unit_price = factory.LazyAttribute(lambda o: o.product.price)


class ShippingAddressFactory(DjangoModelFactory):
    class Meta:
        model = ShippingAddress

    user = factory.SubFactory(ParentFactory)
    recipient_name = factory.LazyAttribute(lambda o: o.user.display_name)
    phone = factory.Sequence(lambda n: f"+2547{n % 100000000:08d}")
    county = "047"
    town = "Nairobi"
    street_address = "Ngong Road, Kilimani, House 12"
    postal_code = "00100"
    landmark = "Opposite Yaya Centre"

    class Params:
        default = factory.Trait(is_default=True)
        mombasa = factory.Trait(
            county="001",
            town="Mombasa",
            street_address="Moi Avenue",
            postal_code="80100",
        )


def _address_snapshot(order) -> dict:
    return {
        "recipient_name": order.user.display_name,
        "phone": "+254712345678",
        "county_code": "047",
        "county_name": "Nairobi",
        "town": "Nairobi",
        "street_address": "Ngong Road, Kilimani, House 12",
        "postal_code": "00100",
    }


class OrderFactory(DjangoModelFactory):
    """An unpaid order; traits move it along (`paid`, `shipped`, ...).

    Money is consistent: total = subtotal + shipping_fee. Add lines with
    `OrderItemFactory(order=order)`; they do not change the order's totals.
    """

    class Meta:
        model = Order

    order_number = factory.Sequence(lambda n: f"UHS-ORD-2026-{n:06d}")
    user = factory.SubFactory(ParentFactory)
    subtotal = Decimal("2400.00")
    shipping_fee = Decimal("300.00")
    total = factory.LazyAttribute(lambda o: o.subtotal + o.shipping_fee)
    shipping_address = factory.LazyAttribute(_address_snapshot)

    class Params:
        paid = factory.Trait(
            status=Order.Status.PAID,
            paid_at=factory.LazyFunction(timezone.now),
            payment_transaction=factory.SubFactory(
                TransactionFactory,
                user=factory.SelfAttribute("..user"),
                amount=factory.SelfAttribute("..total"),
                status=Transaction.Status.COMPLETED,
                transaction_metadata=factory.LazyFunction(
                    lambda: {"purpose": "store_order"}
                ),
            ),
        )
        shipped = factory.Trait(
            paid=True,
            status=Order.Status.SHIPPED,
            shipped_at=factory.LazyFunction(timezone.now),
            tracking_number=factory.Sequence(lambda n: f"G4S{n:08d}"),
        )
        delivered = factory.Trait(
            shipped=True,
            status=Order.Status.DELIVERED,
            delivered_at=factory.LazyFunction(timezone.now),
        )
        cancelled = factory.Trait(
            status=Order.Status.CANCELLED,
            cancelled_at=factory.LazyFunction(timezone.now),
        )


class OrderItemFactory(DjangoModelFactory):
    class Meta:
        model = OrderItem

    order = factory.SubFactory(OrderFactory)
    product = factory.SubFactory(ProductFactory)
    product_name = factory.LazyAttribute(
        lambda o: o.product.name if o.product else "Old product"
    )
    sku = factory.LazyAttribute(lambda o: o.product.sku if o.product else None)
    unit_price = factory.LazyAttribute(
        lambda o: o.product.price if o.product else Decimal("100.00")
    )
    quantity = 2
    line_total = factory.LazyAttribute(lambda o: o.unit_price * o.quantity)
