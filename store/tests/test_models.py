from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from payments.models import Transaction
from store.models import Cart, CartItem, Order, OrderItem, Product, ShippingAddress

from .factories import (
    CartFactory,
    CartItemFactory,
    OrderFactory,
    OrderItemFactory,
    ProductCategoryFactory,
    ProductFactory,
    ShippingAddressFactory,
)

pytestmark = pytest.mark.django_db


def _violates(constraint):
    """Expect the next write, in its own savepoint, to break `constraint`."""
    return pytest.raises(IntegrityError, match=constraint)


# --- products -----------------------------------------------------------------


def test_product_price_cannot_be_negative():
    with _violates("products_price_nonneg"), transaction.atomic():
        ProductFactory(price=Decimal("-1.00"))


@pytest.mark.parametrize("compare_at", [Decimal("120.00"), Decimal("100.00")])
def test_compare_at_price_must_be_above_the_price(compare_at):
    with _violates("products_compare_at_above_price"), transaction.atomic():
        ProductFactory(price=Decimal("120.00"), compare_at_price=compare_at)


def test_a_product_on_sale_keeps_its_former_price():
    product = ProductFactory(on_sale=True)

    assert product.compare_at_price == Decimal("150.00")


def test_inventory_cannot_go_negative():
    with _violates("products_inventory_nonneg"), transaction.atomic():
        ProductFactory(inventory_count=-1)


def test_blank_skus_are_stored_as_null_so_they_do_not_collide():
    first = ProductFactory(sku="")
    second = ProductFactory(sku="  ")

    assert first.sku is None
    assert second.sku is None


def test_sku_is_unique():
    product = ProductFactory()

    with _violates("sku"), transaction.atomic():
        ProductFactory(sku=product.sku)


def test_product_images_must_be_an_array_in_the_database():
    with _violates("products_images_is_array"), transaction.atomic():
        ProductFactory(images="https://cdn.example.co.ke/a.jpg")


def test_full_clean_rejects_images_that_are_not_urls():
    product = ProductFactory.build(
        product_category=ProductCategoryFactory(), images=["book.jpg"]
    )

    with pytest.raises(ValidationError) as excinfo:
        product.full_clean()

    assert excinfo.value.error_dict["images"][0].code == "bad_image_url"


def test_full_clean_rejects_tags_that_are_not_strings():
    product = ProductFactory.build(
        product_category=ProductCategoryFactory(), tags=["ok", 3]
    )

    with pytest.raises(ValidationError) as excinfo:
        product.full_clean()

    assert excinfo.value.error_dict["tags"][0].code == "not_string_list"


def test_deleting_a_category_leaves_its_products_uncategorised():
    product = ProductFactory()

    product.product_category.delete()

    product.refresh_from_db()
    assert product.product_category is None


def test_a_category_cannot_be_its_own_parent():
    category = ProductCategoryFactory()
    category.parent = category

    with _violates("product_categories_not_own_parent"), transaction.atomic():
        category.save()


# --- carts --------------------------------------------------------------------


def test_a_cart_needs_a_user_or_a_session():
    with _violates("carts_has_owner"), transaction.atomic():
        CartFactory(user=None, session_key=None)


def test_a_user_has_at_most_one_open_cart():
    cart = CartFactory()

    with _violates("carts_one_open_per_user"), transaction.atomic():
        CartFactory(user=cart.user)


def test_a_user_may_keep_converted_carts_beside_the_open_one():
    cart = CartFactory(converted=True)

    CartFactory(user=cart.user)
    CartFactory(user=cart.user, abandoned=True)

    assert cart.user.carts.count() == 3


def test_a_session_has_at_most_one_open_cart():
    cart = CartFactory(anonymous=True)

    with _violates("carts_one_open_per_session"), transaction.atomic():
        CartFactory(anonymous=True, session_key=cart.session_key)


def test_cart_status_must_be_known():
    with _violates("carts_status_valid"), transaction.atomic():
        CartFactory(status="lost")


def test_a_converted_cart_records_when():
    with _violates("carts_converted_has_time"), transaction.atomic():
        CartFactory(status=Cart.Status.CONVERTED, converted_at=None)


def test_a_product_appears_once_per_cart():
    item = CartItemFactory()

    with _violates("cart_items_one_line_per_product"), transaction.atomic():
        CartItemFactory(cart=item.cart, product=item.product)

    assert CartItem.objects.count() == 1


@pytest.mark.parametrize("quantity", [0, -2])
def test_cart_item_quantity_must_be_positive(quantity):
    with _violates("cart_items_quantity_positive"), transaction.atomic():
        CartItemFactory(quantity=quantity)


def test_cart_item_line_total_multiplies_price_and_quantity():
    item = CartItemFactory.build(unit_price=Decimal("120.00"), quantity=3)

    assert item.line_total == Decimal("360.00")


# --- orders -------------------------------------------------------------------


def test_order_total_must_equal_subtotal_plus_shipping():
    with _violates("orders_total_is_subtotal_plus_shipping"), transaction.atomic():
        OrderFactory(
            subtotal=Decimal("2400.00"),
            shipping_fee=Decimal("300.00"),
            total=Decimal("2600.00"),
        )


@pytest.mark.parametrize(
    ("field", "constraint"),
    [
        ("subtotal", "orders_subtotal_nonneg"),
        ("shipping_fee", "orders_shipping_fee_nonneg"),
    ],
)
def test_order_amounts_cannot_be_negative(field, constraint):
    with _violates(constraint), transaction.atomic():
        OrderFactory(**{field: Decimal("-10.00")})


def test_order_number_is_unique():
    order = OrderFactory()

    with _violates("order_number"), transaction.atomic():
        OrderFactory(order_number=order.order_number)


def test_order_number_follows_the_house_format():
    with _violates("orders_number_format"), transaction.atomic():
        OrderFactory(order_number="ORDER-1")


def test_order_status_must_be_known():
    with _violates("orders_status_valid"), transaction.atomic():
        OrderFactory(status="lost")


@pytest.mark.parametrize(
    ("status", "constraint"),
    [
        ("paid", "orders_paid_has_time"),
        ("cancelled", "orders_cancelled_has_time"),
    ],
)
def test_an_order_status_needs_its_timestamp(status, constraint):
    with _violates(constraint), transaction.atomic():
        OrderFactory(status=status)


def test_a_refunded_order_needs_its_refund_time():
    with _violates("orders_refunded_has_time"), transaction.atomic():
        OrderFactory(paid=True, status=Order.Status.REFUNDED)


def test_a_shipped_order_needs_its_shipping_time():
    with _violates("orders_shipped_has_time"), transaction.atomic():
        OrderFactory(paid=True, status=Order.Status.SHIPPED)


def test_order_traits_build_a_coherent_paid_order():
    order = OrderFactory(delivered=True)

    assert order.status == Order.Status.DELIVERED
    assert order.paid_at and order.shipped_at and order.delivered_at
    assert order.payment_transaction.amount == order.total
    assert order.payment_transaction.user == order.user


def test_deleting_the_payment_keeps_the_order():
    order = OrderFactory(paid=True)

    Transaction.objects.filter(pk=order.payment_transaction_id).delete()

    order.refresh_from_db()
    assert order.payment_transaction is None


def test_full_clean_checks_the_address_snapshot():
    order = OrderFactory.build(
        user=OrderFactory().user, shipping_address={"town": "Nakuru"}
    )

    with pytest.raises(ValidationError) as excinfo:
        order.full_clean()

    assert excinfo.value.error_dict["shipping_address"][0].code == "address_incomplete"


def test_order_item_line_total_must_match_price_times_quantity():
    with _violates("order_items_line_total_matches"), transaction.atomic():
        OrderItemFactory(
            unit_price=Decimal("120.00"), quantity=3, line_total=Decimal("300.00")
        )


def test_order_item_quantity_must_be_positive():
    with _violates("order_items_quantity_positive"), transaction.atomic():
        OrderItemFactory(quantity=0, line_total=Decimal("0.00"))


def test_order_item_keeps_its_snapshot_when_the_product_is_deleted():
    item = OrderItemFactory()
    name = item.product_name

    Product.objects.filter(pk=item.product_id).delete()

    item.refresh_from_db()
    assert item.product is None
    assert item.product_name == name


def test_deleting_an_order_removes_its_items():
    item = OrderItemFactory()

    item.order.delete()

    assert not OrderItem.objects.exists()


# --- shipping addresses -------------------------------------------------------


@pytest.mark.parametrize("county", ["000", "048", "47", "K30"])
def test_county_must_be_one_of_the_47_codes(county):
    with _violates("shipping_addresses_county_valid"), transaction.atomic():
        ShippingAddressFactory(county=county)


def test_phone_is_stored_in_e164():
    address = ShippingAddressFactory(phone="0712 345 678")

    address.refresh_from_db()
    assert address.phone == "+254712345678"


def test_a_landline_is_refused_by_the_database():
    with _violates("shipping_addresses_phone_e164"), transaction.atomic():
        ShippingAddressFactory(phone="020 123 4567")


def test_full_clean_explains_a_bad_phone():
    address = ShippingAddressFactory.build(user=OrderFactory().user, phone="12345")

    with pytest.raises(ValidationError) as excinfo:
        address.full_clean()

    assert excinfo.value.error_dict["phone"][0].code == "invalid_phone"


@pytest.mark.parametrize("postal_code", ["0010", "0010A", "ABCDE"])
def test_postal_code_has_five_digits(postal_code):
    with _violates("shipping_addresses_postal_code_5_digits"), transaction.atomic():
        ShippingAddressFactory(postal_code=postal_code)


def test_postal_code_is_optional():
    address = ShippingAddressFactory(postal_code="")

    assert "postal_code" not in address.snapshot()


def test_a_user_has_one_default_address():
    address = ShippingAddressFactory(default=True)

    with _violates("shipping_addresses_one_default_per_user"), transaction.atomic():
        ShippingAddressFactory(user=address.user, default=True)


def test_a_user_may_keep_several_other_addresses():
    address = ShippingAddressFactory(default=True)

    ShippingAddressFactory(user=address.user, mombasa=True)
    ShippingAddressFactory(user=address.user)

    assert ShippingAddress.objects.filter(user=address.user).count() == 3


def test_address_snapshot_is_a_valid_order_address():
    address = ShippingAddressFactory(mombasa=True)

    order = OrderFactory(user=address.user, shipping_address=address.snapshot())

    order.full_clean()
    assert order.shipping_address["county_name"] == "Mombasa"
    assert order.shipping_address["county_code"] == "001"
