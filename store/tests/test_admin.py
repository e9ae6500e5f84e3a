from django.urls import reverse

import pytest

from store.models import Order

from .factories import (
    CartItemFactory,
    OrderFactory,
    OrderItemFactory,
    ShippingAddressFactory,
)

pytestmark = pytest.mark.django_db

EDITABLE = ["productcategory", "product", "cart", "cartitem", "shippingaddress"]
ALL_MODELS = [*EDITABLE, "order", "orderitem"]


@pytest.fixture
def store_rows():
    CartItemFactory()
    CartItemFactory(cart__anonymous=True)
    ShippingAddressFactory(default=True)
    item = OrderItemFactory(order__paid=True)
    return item


@pytest.mark.parametrize("model", ALL_MODELS)
def test_changelist_renders(admin_client, store_rows, model):
    response = admin_client.get(reverse(f"admin:store_{model}_changelist"))

    assert response.status_code == 200


@pytest.mark.parametrize("model", ALL_MODELS)
def test_changelist_search_renders(admin_client, store_rows, model):
    response = admin_client.get(
        reverse(f"admin:store_{model}_changelist"), {"q": "book"}
    )

    assert response.status_code == 200


@pytest.mark.parametrize("model", EDITABLE)
def test_add_page_renders(admin_client, model):
    response = admin_client.get(reverse(f"admin:store_{model}_add"))

    assert response.status_code == 200


@pytest.mark.parametrize("model", ["order", "orderitem"])
def test_orders_are_not_added_by_hand(admin_client, model):
    response = admin_client.get(reverse(f"admin:store_{model}_add"))

    assert response.status_code == 403


def test_order_change_page_shows_money_read_only(admin_client, store_rows):
    url = reverse("admin:store_order_change", args=[store_rows.order.pk])

    response = admin_client.get(url)

    assert response.status_code == 200
    assert 'name="total"' not in response.content.decode()
    assert 'name="tracking_number"' in response.content.decode()


def test_ship_action_moves_paid_orders_and_skips_unpaid_ones(admin_client):
    paid = OrderFactory(paid=True)
    unpaid = OrderFactory()

    response = admin_client.post(
        reverse("admin:store_order_changelist"),
        {"action": "order_mark_shipped", "_selected_action": [paid.pk, unpaid.pk]},
        follow=True,
    )

    paid.refresh_from_db()
    unpaid.refresh_from_db()
    assert paid.status == Order.Status.SHIPPED
    assert unpaid.status == Order.Status.PENDING_PAYMENT
    assert "1 order updated." in response.content.decode()
