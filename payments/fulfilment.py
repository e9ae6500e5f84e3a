"""What a completed payment was for, without payments knowing what is sold.

`transaction_metadata["purpose"]` names it ("course_enrollment",
"store_order"...). The app that sells the thing registers a handler for its
purpose in its AppConfig.ready(); `transaction_complete` calls it inside the
same database transaction, so a payment is never marked completed without
what it paid for.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_handlers: dict[str, Callable] = {}


def register_fulfilment(*, purpose: str, handler: Callable) -> None:
    """Have `handler(transaction=...)` run when a payment for `purpose` completes."""
    _handlers[purpose] = handler


def fulfil(*, transaction) -> None:
    """Run the handler of the transaction's purpose; refuse an unknown purpose."""
    purpose = (transaction.transaction_metadata or {}).get("purpose")
    handler = _handlers.get(purpose)
    if handler is None:
        raise ValidationError(
            _("No fulfilment is registered for payments of purpose %(purpose)s."),
            code="unknown_purpose",
            params={"purpose": purpose},
        )
    handler(transaction=transaction)
