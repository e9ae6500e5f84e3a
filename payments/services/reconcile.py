"""Reconciliation: settle pending payments whose signal never came."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ..gateways import GatewayError
from ..models import Transaction, TransactionGateway
from .checkout import transaction_query
from .settlement import transaction_fail

logger = logging.getLogger("payments")


def payments_reconcile(*, now=None) -> dict:
    """Ask the gateways about old pending payments; expire abandoned ones.

    Return counts: checked, completed, failed, expired, pending, errors.
    """
    now = now or timezone.now()
    summary = dict.fromkeys(
        ("checked", "completed", "failed", "expired", "pending", "errors"), 0
    )
    query_before = now - timedelta(minutes=settings.PAYMENTS_QUERY_AFTER_MINUTES)
    expire_before = now - timedelta(minutes=settings.PAYMENTS_EXPIRE_AFTER_MINUTES)
    pending = Transaction.objects.filter(
        status=Transaction.Status.PENDING,
        created_at__lte=query_before,
        gateway__in=[
            TransactionGateway.MPESA,
            TransactionGateway.STRIPE,
            TransactionGateway.PAYPAL,
        ],
    ).order_by("created_at")
    for tx in pending.iterator():
        summary["checked"] += 1
        try:
            transaction_query(transaction=tx)
        except GatewayError as error:
            logger.warning("reconcile %s: %s", tx.transaction_reference, error.detail)
            summary["errors"] += 1
        tx.refresh_from_db()
        if tx.status == Transaction.Status.COMPLETED:
            summary["completed"] += 1
        elif tx.status == Transaction.Status.FAILED:
            summary["failed"] += 1
        elif tx.created_at <= expire_before:
            transaction_fail(
                transaction=tx,
                reason=_("The payment was not completed in time."),
            )
            summary["expired"] += 1
        else:
            summary["pending"] += 1
    return summary
