import json
from decimal import Decimal

import pytest

from accounts.data_export import exports_for
from accounts.tests.factories import ParentFactory, StudentFactory
from payments.exporters import payments_export
from payments.tests.factories import (
    PaymentMethodFactory,
    SubscriptionFactory,
    TransactionFactory,
    WalletEntryFactory,
    WalletFactory,
)


@pytest.mark.django_db
def test_payments_exporter_is_registered_from_the_app_config():
    parent = ParentFactory()
    TransactionFactory(user=parent, transaction_reference="UHS-TX-REG")

    data = exports_for(users=[parent], students=[])

    assert data["payments"]["transactions"][0]["reference"] == "UHS-TX-REG"


@pytest.mark.django_db
def test_payments_export_holds_the_familys_money_records_only():
    parent = ParentFactory()
    TransactionFactory(user=parent, amount=Decimal("1500.00"), completed=True)
    wallet = WalletFactory(user=parent, balance=Decimal("500.00"))
    WalletEntryFactory(wallet=wallet, reference="WE-OURS")
    SubscriptionFactory(user=parent)
    TransactionFactory(transaction_reference="STRANGER-TX")
    WalletEntryFactory(reference="STRANGER-WE")

    data = payments_export(users=[parent], students=[])

    assert [(t["amount"], t["status"]) for t in data["transactions"]] == [
        ("1500.00", "completed")
    ]
    assert data["wallets"][0]["balance"] == "500.00"
    assert [e["reference"] for e in data["wallets"][0]["entries"]] == ["WE-OURS"]
    assert data["subscriptions"][0]["plan"] == "Family Monthly"
    assert "STRANGER" not in str(data)


@pytest.mark.django_db
def test_payment_methods_are_exported_by_masked_label_only():
    parent = ParentFactory()
    PaymentMethodFactory(
        user=parent,
        details={"display": "M-Pesa •••• 678", "token": "gAAAAA-ENCRYPTED-SECRET"},
    )

    data = payments_export(users=[parent], students=[])

    assert data["payment_methods"][0]["label"] == "M-Pesa •••• 678"
    assert "ENCRYPTED-SECRET" not in json.dumps(data)
    assert "details" not in data["payment_methods"][0]


@pytest.mark.django_db
def test_transaction_metadata_is_exported_without_secrets():
    parent = ParentFactory()
    TransactionFactory(
        user=parent,
        transaction_metadata={
            "purpose": "store_order",
            "client_secret": "pi_SECRET",
            "callback": {
                "MpesaReceiptNumber": "QGH7X1",
                "access_token": "SECRET-TOKEN",
            },
        },
    )

    metadata = payments_export(users=[parent], students=[])["transactions"][0][
        "metadata"
    ]

    assert metadata == {
        "purpose": "store_order",
        "callback": {"MpesaReceiptNumber": "QGH7X1"},
    }


@pytest.mark.django_db
def test_payments_export_queries_do_not_grow_with_the_family(django_assert_num_queries):
    parent = ParentFactory()
    children = [StudentFactory(parent=parent) for _ in range(3)]
    users = [parent, *(c.user for c in children)]
    for user in users:
        TransactionFactory(user=user)
        WalletEntryFactory(wallet=WalletFactory(user=user))
        PaymentMethodFactory(user=user)
        SubscriptionFactory(user=user)

    with django_assert_num_queries(5):
        data = payments_export(users=users, students=children)

    assert [
        len(data[k])
        for k in ("transactions", "wallets", "payment_methods", "subscriptions")
    ] == [4, 4, 4, 4]
