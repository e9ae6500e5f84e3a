import pytest

from accounts.data_export import exports_for
from accounts.tests.factories import ParentFactory, StudentFactory
from store.exporters import store_export
from store.tests.factories import (
    CartFactory,
    CartItemFactory,
    OrderFactory,
    OrderItemFactory,
    ShippingAddressFactory,
)


@pytest.mark.django_db
def test_store_exporter_is_registered_from_the_app_config():
    parent = ParentFactory()
    OrderFactory(user=parent, order_number="UHS-ORD-2026-000777")

    data = exports_for(users=[parent], students=[])

    assert data["store"]["orders"][0]["order_number"] == "UHS-ORD-2026-000777"


@pytest.mark.django_db
def test_store_export_holds_the_familys_orders_addresses_and_carts_only():
    parent = ParentFactory()
    order = OrderFactory(user=parent, paid=True)
    OrderItemFactory(order=order, product_name="Geometry set")
    ShippingAddressFactory(user=parent, landmark="Opposite Naivas")
    CartItemFactory(cart=CartFactory(user=parent), quantity=3)
    OrderFactory(customer_note="A STRANGER'S ORDER")
    ShippingAddressFactory(landmark="A STRANGER'S HOUSE")

    data = store_export(users=[parent], students=[])

    assert data["orders"][0]["items"][0]["product_name"] == "Geometry set"
    assert data["orders"][0]["paid_at"] is not None
    assert data["shipping_addresses"][0]["landmark"] == "Opposite Naivas"
    assert data["carts"][0]["items"][0]["quantity"] == 3
    assert "STRANGER" not in str(data)


@pytest.mark.django_db
def test_store_export_queries_do_not_grow_with_the_family(django_assert_num_queries):
    parent = ParentFactory()
    children = [StudentFactory(parent=parent) for _ in range(3)]
    users = [parent, *(c.user for c in children)]
    for user in users:
        OrderItemFactory(order=OrderFactory(user=user))
        ShippingAddressFactory(user=user)
        CartItemFactory(cart=CartFactory(user=user))

    with django_assert_num_queries(5):
        data = store_export(users=users, students=children)

    assert (
        len(data["orders"]),
        len(data["shipping_addresses"]),
        len(data["carts"]),
    ) == (4, 4, 4)
