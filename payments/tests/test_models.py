from decimal import Decimal

from django.db import IntegrityError, connection, transaction

import pytest

from payments.models import Transaction
from payments.tests.factories import (
    PaymentMethodFactory,
    SubscriptionFactory,
    TransactionFactory,
    WalletEntryFactory,
    WalletFactory,
)


@pytest.mark.django_db
def test_transaction_reference_is_unique():
    TransactionFactory(transaction_reference="MPESA-QK12345")

    with pytest.raises(IntegrityError), transaction.atomic():
        TransactionFactory(transaction_reference="MPESA-QK12345")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field,value", [("gateway", "cash"), ("status", "lost"), ("amount", Decimal("0"))]
)
def test_transaction_checks_reject_bad_values(field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        TransactionFactory(**{field: value})


@pytest.mark.django_db
def test_transaction_defaults_come_from_the_database():
    user = TransactionFactory().user

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO transactions (id, user_id, amount, gateway, transaction_reference) "
            "VALUES (gen_random_uuid(), %s, 100, 'mpesa', 'RAW-1')",
            [user.pk],
        )
    raw = Transaction.objects.get(transaction_reference="RAW-1")

    assert (raw.status, raw.currency, raw.transaction_metadata) == (
        "pending",
        "KES",
        {},
    )


@pytest.mark.django_db
def test_wallet_balance_cannot_go_negative():
    with pytest.raises(IntegrityError), transaction.atomic():
        WalletFactory(balance=Decimal("-1.00"))


@pytest.mark.django_db
def test_wallet_entry_reference_is_unique_and_amount_nonzero():
    entry = WalletEntryFactory(reference="WE-1")

    with pytest.raises(IntegrityError), transaction.atomic():
        WalletEntryFactory(wallet=entry.wallet, reference="WE-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        WalletEntryFactory(wallet=entry.wallet, amount=Decimal("0.00"))


@pytest.mark.django_db
def test_wallet_entries_protect_their_wallet_from_deletion():
    entry = WalletEntryFactory()

    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        entry.wallet.delete()


@pytest.mark.django_db
def test_only_one_default_payment_method_per_user():
    method = PaymentMethodFactory(is_default=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentMethodFactory(user=method.user, is_default=True)


@pytest.mark.django_db
def test_one_live_subscription_per_plan_per_user():
    sub = SubscriptionFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        SubscriptionFactory(user=sub.user, plan=sub.plan)


@pytest.mark.django_db
def test_subscription_period_must_end_after_it_starts():
    sub = SubscriptionFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        SubscriptionFactory(plan=sub.plan, current_period_end=sub.current_period_start)


@pytest.mark.django_db
def test_database_cascades_transactions_when_a_user_row_is_deleted():
    tx = TransactionFactory()

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM users WHERE id = %s", [tx.user_id])

    assert not Transaction.objects.filter(pk=tx.pk).exists()
