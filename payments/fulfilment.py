"""What a payment is for, without payments knowing what is sold.

`transaction_metadata["purpose"]` names it (a `Purpose`). The app that
sells the thing registers its purpose in its `AppConfig.ready()`:

- `handler(transaction=...)` delivers it; `transaction_complete` calls it
  inside the same database transaction, so a payment is never marked
  completed without what it paid for;
- `reverse(transaction=...)` takes it back when the payment is refunded
  (called once, inside the refund's database transaction);
- `describe(user=..., target_id=...)` tells the checkout what is bought, for
  whom and for how much, or returns None when `user` may not pay for it
  (the checkout then answers 404).

The system check payments.E001 refuses to start when a purpose on sale has
no handler.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.checks import Error
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

from urbanhome.core.registry import Registry, UnknownKey

from .models import PURPOSES_ON_SALE, Purpose


@dataclass(frozen=True)
class Purchase:
    """Something a user is about to pay for, as its selling app describes it."""

    purpose: str
    target_id: str
    description: str  # "Grade 7 Mathematics"
    beneficiary: str  # for whom: "Amani Otieno"
    amount: Decimal
    currency: str = "KES"
    # Merged into the transaction's metadata (e.g. {"enrollment_id": ...}).
    metadata: dict = field(default_factory=dict)
    # Where to send the payer once it is paid ("/courses/maths/").
    next_url: str = "/dashboard/"
    # Set when the payer's plan already includes it: the checkout then takes
    # no payment and offers a button that POSTs `plan_fields` to this URL.
    plan_url: str = ""
    plan_fields: dict = field(default_factory=dict)


# purpose -> handler(transaction=...)
fulfilment_handlers: Registry[Callable] = Registry("payments.fulfilment")
# purpose -> reverse(transaction=...), run when a payment is refunded
fulfilment_reversals: Registry[Callable] = Registry("payments.reversal")
# purpose -> describe(user=..., target_id=...) -> Purchase | None
purchase_describers: Registry[Callable] = Registry("payments.purchase")


def register_fulfilment(
    *,
    purpose: str,
    handler: Callable,
    reverse: Callable | None = None,
    describe: Callable | None = None,
) -> None:
    """Register what to do when a payment for `purpose` completes or is refunded."""
    if purpose not in Purpose.values:
        raise ImproperlyConfigured(
            f"{purpose!r} is not a payment purpose (payments.models.Purpose)."
        )
    key = Purpose(purpose).value
    fulfilment_handlers.register(key, handler)
    if reverse is not None:
        fulfilment_reversals.register(key, reverse)
    if describe is not None:
        purchase_describers.register(key, describe)


def fulfil(*, transaction) -> None:
    """Run the handler of the transaction's purpose; refuse an unknown purpose."""
    purpose = (transaction.transaction_metadata or {}).get("purpose")
    try:
        handler = fulfilment_handlers.get(str(purpose))
    except UnknownKey:
        raise ValidationError(
            _("No fulfilment is registered for payments of purpose %(purpose)s."),
            code="unknown_purpose",
            params={"purpose": purpose},
        ) from None
    handler(transaction=transaction)


def reverse_fulfilment(*, transaction) -> bool:
    """Take back what a refunded payment delivered; False when nothing can."""
    purpose = str(transaction.purpose)
    if purpose not in fulfilment_reversals:
        return False
    fulfilment_reversals.get(purpose)(transaction=transaction)
    return True


def describe_purchase(*, purpose: str, target_id: str, user) -> Purchase | None:
    """Return what `user` would buy, or None (unknown, not theirs, not payable)."""
    if purpose not in purchase_describers:
        return None
    return purchase_describers.get(purpose)(user=user, target_id=str(target_id))


def fulfilment_check(app_configs=None, **kwargs) -> list[Error]:
    """Every purpose a payment can be started for has a handler."""
    return [
        Error(
            f"Payments for {purpose.value!r} can be started but no app registers a "
            "fulfilment handler for them.",
            hint="Call register_fulfilment() in the selling app's AppConfig.ready().",
            id="payments.E001",
        )
        for purpose in sorted(PURPOSES_ON_SALE)
        if purpose not in fulfilment_handlers
    ]
