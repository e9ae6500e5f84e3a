"""Refunds (admin → gateway → reversal once), reconciliation, audit."""

import io
import secrets
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

import pytest

from learning.models import Enrollment
from learning.tests.factories import EnrollmentFactory
from payments.models import Transaction, Wallet, WalletEntry
from payments.services import (
    payments_reconcile,
    transaction_mark_refunded,
    transaction_refund_request,
    wallet_credit,
    wallet_get_or_create,
)
from payments.tests.factories import TransactionFactory

pytestmark = pytest.mark.django_db


def _paid_enrollment(**tx):
    enrollment = EnrollmentFactory(paid=True)
    payment = enrollment.payment
    for name, value in tx.items():
        setattr(payment, name, value)
    payment.transaction_metadata = {
        "purpose": "course_enrollment",
        "enrollment_id": str(enrollment.pk),
        "description": enrollment.course.title,
    }
    payment.save()
    return enrollment, payment


def test_refunding_an_mpesa_payment_is_recorded_manual_and_drops_the_enrolment(
    staff_user, django_capture_on_commit_callbacks
):
    enrollment, payment = _paid_enrollment(gateway="mpesa")

    with django_capture_on_commit_callbacks(execute=True):
        transaction_refund_request(transaction=payment, by=staff_user)

    payment.refresh_from_db()
    enrollment.refresh_from_db()
    assert payment.status == "refunded" and payment.refunded_at is not None
    refund = payment.transaction_metadata["refund"]
    assert refund["reference"] == "" and refund["manual"] is True
    assert refund["by"] == f"{staff_user.display_name} ({staff_user.email})"
    assert enrollment.status == Enrollment.Status.DROPPED


def test_the_reversal_runs_exactly_once():
    enrollment, payment = _paid_enrollment(gateway="mpesa")
    course = enrollment.course
    course.enrollment_count = 1
    course.save(update_fields=["enrollment_count"])

    transaction_mark_refunded(transaction=payment, refund_reference="", manual=True)
    transaction_mark_refunded(transaction=payment, refund_reference="", manual=True)

    course.refresh_from_db()
    assert course.enrollment_count == 0


def test_stripe_refunds_go_through_the_refund_api(
    stripe, staff_user, django_capture_on_commit_callbacks
):
    stripe.answer("POST", "/v1/refunds", 200, {"id": "re_9", "status": "succeeded"})
    _enrollment, payment = _paid_enrollment(gateway="stripe", gateway_receipt="pi_9")

    with django_capture_on_commit_callbacks(execute=True):
        transaction_refund_request(transaction=payment, by=staff_user)

    payment.refresh_from_db()
    assert payment.status == "refunded"
    assert payment.transaction_metadata["refund"]["reference"] == "re_9"


def test_a_refused_gateway_refund_leaves_the_payment_completed(
    stripe, staff_user, django_capture_on_commit_callbacks
):
    stripe.answer("POST", "/v1/refunds", 400, {"error": {"message": "charge_disputed"}})
    enrollment, payment = _paid_enrollment(gateway="stripe", gateway_receipt="pi_9")

    with django_capture_on_commit_callbacks(execute=True):
        transaction_refund_request(transaction=payment, by=staff_user)

    payment.refresh_from_db()
    enrollment.refresh_from_db()
    assert (
        payment.status == "completed" and "refund_error" in payment.transaction_metadata
    )
    assert enrollment.status == Enrollment.Status.ACTIVE


@pytest.mark.parametrize("status", ["pending", "failed"])
def test_only_completed_payments_can_be_refunded(staff_user, status):
    tx = TransactionFactory(status=status)

    with pytest.raises(ValidationError) as exc:
        transaction_refund_request(transaction=tx, by=staff_user)

    assert exc.value.code == "not_refundable"


def test_a_wallet_purchase_is_refunded_to_the_wallet(staff_user):
    tx = TransactionFactory(
        gateway="wallet",
        status="completed",
        transaction_metadata={"purpose": "none", "description": "Maths"},
    )
    wallet = wallet_get_or_create(user=tx.user)

    transaction_mark_refunded(transaction=tx, refund_reference="", manual=False)

    wallet.refresh_from_db()
    assert wallet.balance == Decimal("1500.00")
    assert WalletEntry.objects.get(wallet=wallet).kind == "refund"


def test_the_admin_action_starts_refunds(
    admin_client, django_capture_on_commit_callbacks
):
    _enrollment, payment = _paid_enrollment(gateway="mpesa")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/payments/transaction/",
            {"action": "refund_selected", "_selected_action": [str(payment.pk)]},
        )

    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == "refunded"


def _refunded_by(staff_user, django_capture_on_commit_callbacks):
    _enrollment, payment = _paid_enrollment(gateway="mpesa")
    with django_capture_on_commit_callbacks(execute=True):
        transaction_refund_request(transaction=payment, by=staff_user)
    payment.refresh_from_db()
    return payment


def test_refunding_again_says_when_and_by_whom_it_was_refunded(
    staff_user, django_capture_on_commit_callbacks
):
    payment = _refunded_by(staff_user, django_capture_on_commit_callbacks)
    when = timezone.localtime(payment.refunded_at).strftime("%-d %b %Y")

    with pytest.raises(ValidationError) as exc:
        transaction_refund_request(transaction=payment, by=staff_user)

    assert exc.value.code == "already_refunded"
    message = exc.value.messages[0]
    assert message.startswith(f"This payment was already refunded on {when}")
    assert f"by {staff_user.display_name} ({staff_user.email})" in message
    assert WalletEntry.objects.count() == 0


def test_a_payment_refunded_on_the_gateways_dashboard_says_so(staff_user):
    _enrollment, payment = _paid_enrollment(gateway="stripe", gateway_receipt="pi_1")
    transaction_mark_refunded(transaction=payment, refund_reference="", manual=False)

    with pytest.raises(ValidationError) as exc:
        transaction_refund_request(transaction=payment, by=staff_user)

    assert "by Card (Stripe) (outside this site)" in exc.value.messages[0]


def test_the_admin_action_on_a_refunded_payment_gives_a_clear_message(
    admin_client, admin_user, django_capture_on_commit_callbacks
):
    payment = _refunded_by(admin_user, django_capture_on_commit_callbacks)

    response = admin_client.post(
        "/admin/payments/transaction/",
        {"action": "refund_selected", "_selected_action": [str(payment.pk)]},
        follow=True,
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "was already refunded on" in text
    assert admin_user.email in text
    assert "refunds started" not in text and "refund started" not in text


@pytest.mark.parametrize(
    ("gateway", "words"),
    [
        ("stripe", ["to the card you paid with", "5 to 10 working days"]),
        ("paypal", ["to your PayPal account"]),
        ("wallet", ["back in your Urban Home School wallet", "ready to use"]),
        ("mpesa", ["by M-Pesa to the number you paid from", "2 working days"]),
    ],
)
def test_the_refund_email_says_amount_method_and_when_the_money_arrives(
    gateway, words, mailoutbox
):
    from accounts.models import Notification

    tx = TransactionFactory(
        gateway=gateway,
        status="completed",
        gateway_receipt="pi_x" if gateway == "stripe" else None,
        transaction_metadata={"purpose": "none", "description": "Grade 7 Maths"},
    )

    transaction_mark_refunded(
        transaction=tx, refund_reference="r", manual=gateway == "mpesa"
    )

    note = Notification.objects.get(user=tx.user, title="Payment refunded")
    assert "KES 1,500" in note.message and "Grade 7 Maths" in note.message
    assert tx.transaction_reference in note.message
    for word in words:
        assert word in note.message


def test_a_spent_top_up_is_not_refunded(staff_user):
    tx = TransactionFactory(
        status="completed", transaction_metadata={"purpose": "wallet_topup"}
    )
    wallet_get_or_create(user=tx.user)  # balance 0: the top-up was spent

    with pytest.raises(ValidationError) as exc:
        transaction_refund_request(transaction=tx, by=staff_user)

    assert exc.value.code == "topup_spent"
    tx.refresh_from_db()
    assert tx.status == "completed"


# ---------------------------------------------------------- reconciliation
def _old(minutes, **kwargs):
    tx = TransactionFactory(
        gateway="mpesa",
        callback_token=secrets.token_urlsafe(8),
        transaction_metadata={"purpose": "wallet_topup"},
        **kwargs,
    )
    Transaction.objects.filter(pk=tx.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )
    return tx


def test_reconcile_settles_by_query_and_expires_abandoned_payments(mpesa):
    mpesa.answer(
        "POST",
        "/mpesa/stkpushquery/v1/query",
        200,
        lambda r: (
            200,
            {"ResponseCode": "0", "ResultCode": "0", "ResultDesc": "ok"}
            if r.json()["CheckoutRequestID"] == "ws_paid"
            else {"ResponseCode": "0", "ResultCode": "1032", "ResultDesc": "cancelled"},
        ),
    )
    paid = _old(5, gateway_reference="ws_paid", amount=Decimal("500.00"))
    cancelled = _old(5, gateway_reference="ws_cancelled")
    abandoned = _old(60)  # never reached Daraja
    recent = _old(1, gateway_reference="ws_recent")

    summary = payments_reconcile()

    assert summary == {
        "checked": 3,
        "completed": 1,
        "failed": 1,
        "expired": 1,
        "pending": 0,
        "errors": 0,
    }
    states = {t.pk: t.status for t in Transaction.objects.all()}
    assert states[paid.pk] == "completed" and states[cancelled.pk] == "failed"
    assert states[abandoned.pk] == "failed" and states[recent.pk] == "pending"
    assert Wallet.objects.get(user=paid.user).balance == Decimal("500.00")


def test_reconcile_counts_gateway_errors_and_keeps_payments_pending(mpesa):
    mpesa.answer("POST", "/mpesa/stkpushquery/v1/query", 503, b"down")
    tx = _old(5, gateway_reference="ws_x")

    out = io.StringIO()
    call_command("reconcile_payments", stdout=out)

    assert "gateway errors 1" in out.getvalue() and "checked 1" in out.getvalue()
    tx.refresh_from_db()
    assert tx.status == "pending"


def test_audit_wallets_passes_when_balances_match_the_ledger():
    wallet = wallet_get_or_create(user=TransactionFactory().user)
    wallet_credit(wallet=wallet, amount=Decimal("100.00"), kind="top_up", reference="r")
    out = io.StringIO()

    call_command("audit_wallets", stdout=out)

    assert "All wallets match" in out.getvalue()


def test_audit_wallets_exits_non_zero_on_a_difference():
    wallet = wallet_get_or_create(user=TransactionFactory().user)
    wallet_credit(wallet=wallet, amount=Decimal("100.00"), kind="top_up", reference="r")
    Wallet.objects.filter(pk=wallet.pk).update(balance=Decimal("150.00"))
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 wallet"):
        call_command("audit_wallets", stderr=err)

    assert "difference 50.00" in err.getvalue()
