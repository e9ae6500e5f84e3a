"""Saved payment methods: details encrypted, one default per user."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.db import transaction as db_transaction
from django.utils.translation import gettext as _

from urbanhome.core.fields import decrypt_text, encrypt_text
from urbanhome.core.phone import normalize_ke_phone

from ..models import Gateway, PaymentMethod


def payment_method_secret(method: PaymentMethod) -> dict:
    """Return the decrypted secret part of a saved method's details."""
    token = (method.details or {}).get("token")
    return json.loads(decrypt_text(token)) if token else {}


@db_transaction.atomic
def _add(*, user, gateway, method_type, display, secret, make_default) -> PaymentMethod:
    if (
        make_default
        or not PaymentMethod.objects.filter(
            user=user, is_active=True, is_default=True
        ).exists()
    ):
        PaymentMethod.objects.filter(user=user, is_default=True).update(
            is_default=False
        )
        make_default = True
    method = PaymentMethod(
        user=user,
        gateway=gateway,
        method_type=method_type,
        details={"display": display, "token": encrypt_text(json.dumps(secret))},
        is_default=make_default,
    )
    method.full_clean()
    method.save()
    return method


def payment_method_add_phone(*, user, phone: str, make_default=False) -> PaymentMethod:
    """Save an M-Pesa phone (or return the one already saved)."""
    msisdn = normalize_ke_phone(phone).lstrip("+")
    for method in PaymentMethod.objects.filter(
        user=user, is_active=True, method_type=PaymentMethod.MethodType.PHONE
    ):
        if payment_method_secret(method).get("msisdn") == msisdn:
            return method
    return _add(
        user=user,
        gateway=Gateway.MPESA,
        method_type=PaymentMethod.MethodType.PHONE,
        display=_("M-Pesa ••• %(end)s") % {"end": msisdn[-3:]},
        secret={"msisdn": msisdn},
        make_default=make_default,
    )


def payment_method_add_card(
    *,
    user,
    stripe_payment_method: str,
    brand: str,
    last4: str,
    customer: str = "",
    exp_month=None,
    exp_year=None,
    make_default=False,
) -> PaymentMethod:
    """Save a Stripe card (or return it when already saved).

    Only the brand, the last four digits and the expiry are shown; the
    payment-method and customer ids, which can charge the card, are
    encrypted with the rest of the secret part.
    """
    if (
        not stripe_payment_method.startswith("pm_")
        or not last4.isdigit()
        or len(last4) < 4
        or (customer and not customer.startswith("cus_"))
    ):
        raise ValidationError(_("This card could not be saved."), code="invalid_card")
    for method in PaymentMethod.objects.filter(
        user=user, is_active=True, method_type=PaymentMethod.MethodType.CARD
    ):
        if payment_method_secret(method).get("payment_method") == stripe_payment_method:
            return method
    display = f"{brand.title()} •••• {last4[-4:]}"
    if exp_month and exp_year:
        display += f", exp {int(exp_month):02d}/{int(exp_year) % 100:02d}"
    return _add(
        user=user,
        gateway=Gateway.STRIPE,
        method_type=PaymentMethod.MethodType.CARD,
        display=display,
        secret={"payment_method": stripe_payment_method, "customer": customer},
        make_default=make_default,
    )


def payment_method_card_for_charges(*, user) -> dict:
    """The saved card to charge with the payer away: {payment_method,
    customer} of the default card, else the newest; {} when there is none.

    Cards saved without a Stripe customer cannot be charged off-session
    and are skipped.
    """
    methods = PaymentMethod.objects.filter(
        user=user, is_active=True, method_type=PaymentMethod.MethodType.CARD
    ).order_by("-is_default", "-created_at")
    for method in methods[:10]:
        secret = payment_method_secret(method)
        if secret.get("payment_method") and secret.get("customer"):
            return {
                "payment_method": secret["payment_method"],
                "customer": secret["customer"],
            }
    return {}


def payment_method_add_paypal(*, user, email: str, make_default=False) -> PaymentMethod:
    name, _at, domain = email.partition("@")
    return _add(
        user=user,
        gateway=Gateway.PAYPAL,
        method_type=PaymentMethod.MethodType.PAYPAL_ACCOUNT,
        display=f"PayPal {name[:2]}•••@{domain}",
        secret={"email": email},
        make_default=make_default,
    )


@db_transaction.atomic
def payment_method_set_default(*, method: PaymentMethod, by) -> PaymentMethod:
    method = PaymentMethod.objects.select_for_update().get(pk=method.pk, user=by)
    if not method.is_active:
        raise ValidationError(_("This method was removed."), code="inactive")
    PaymentMethod.objects.filter(user=by, is_default=True).exclude(pk=method.pk).update(
        is_default=False
    )
    method.is_default = True
    method.save(update_fields=["is_default", "updated_at"])
    return method


@db_transaction.atomic
def payment_method_deactivate(*, method: PaymentMethod, by) -> PaymentMethod:
    """Remove a saved method from use (kept for the records, never deleted)."""
    method = PaymentMethod.objects.select_for_update().get(pk=method.pk, user=by)
    method.is_active = False
    method.is_default = False
    method.save(update_fields=["is_active", "is_default", "updated_at"])
    return method


def payment_method_default_phone(*, user) -> str:
    """The phone to prefill or prompt: default M-Pesa method, else the newest.

    Methods whose number is not on record (a label only) are skipped.
    """
    methods = PaymentMethod.objects.filter(
        user=user, is_active=True, method_type=PaymentMethod.MethodType.PHONE
    ).order_by("-is_default", "-created_at")
    for method in methods[:10]:
        msisdn = payment_method_secret(method).get("msisdn", "")
        if msisdn:
            return msisdn
    return ""
