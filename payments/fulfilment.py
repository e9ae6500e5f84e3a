"""What a completed payment was for, without payments knowing what is sold.

`transaction_metadata["purpose"]` names it (a `Purpose`). The app that
sells the thing registers a handler for its purpose in its
`AppConfig.ready()`; `transaction_complete` calls it inside the same
database transaction, so a payment is never marked completed without what
it paid for. The system check payments.E001 refuses to start when a purpose
on sale has no handler.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.checks import Error
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

from urbanhome.core.registry import Registry, UnknownKey

from .models import PURPOSES_ON_SALE, Purpose

# purpose -> handler(transaction=...)
fulfilment_handlers: Registry[Callable] = Registry("payments.fulfilment")


def register_fulfilment(*, purpose: str, handler: Callable) -> None:
    """Have `handler(transaction=...)` run when a payment for `purpose` completes."""
    if purpose not in Purpose.values:
        raise ImproperlyConfigured(
            f"{purpose!r} is not a payment purpose (payments.models.Purpose)."
        )
    fulfilment_handlers.register(Purpose(purpose).value, handler)


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
