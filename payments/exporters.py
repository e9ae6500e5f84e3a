"""The payments block of the family data export (accounts.data_export)."""

from __future__ import annotations

from django.db.models import Prefetch

from .models import PaymentMethod, Subscription, Transaction, Wallet, WalletEntry

# Gateway metadata is exported without anything that could act on the account.
_SECRET_KEY_PARTS = (
    "token",
    "secret",
    "signature",
    "password",
    "key",
    "auth",
    "card_number",
    "cvv",
)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _redacted(value):
    """Return `value` with every mapping entry whose key looks secret removed."""
    if isinstance(value, dict):
        return {
            k: _redacted(v)
            for k, v in value.items()
            if not any(part in str(k).lower() for part in _SECRET_KEY_PARTS)
        }
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


def payments_export(*, users, students) -> dict:
    """Transactions, wallets with their ledger, saved methods and subscriptions.

    Five queries whatever the family's size. Saved payment methods appear
    by their masked label only; the encrypted token is never exported.
    """
    transactions = (
        Transaction.objects.filter(user__in=users)
        .select_related("user")
        .order_by("created_at")
    )
    wallets = (
        Wallet.objects.filter(user__in=users)
        .select_related("user")
        .prefetch_related(
            Prefetch("entries", queryset=WalletEntry.objects.order_by("created_at"))
        )
    )
    methods = (
        PaymentMethod.objects.filter(user__in=users)
        .select_related("user")
        .order_by("created_at")
    )
    subscriptions = (
        Subscription.objects.filter(user__in=users)
        .select_related("user", "plan")
        .order_by("created_at")
    )
    return {
        "transactions": [
            {
                "user_email": t.user.email,
                "reference": t.transaction_reference,
                "amount": str(t.amount),
                "currency": t.currency,
                "gateway": t.gateway,
                "status": t.status,
                "metadata": _redacted(t.transaction_metadata),
                "created_at": _iso(t.created_at),
            }
            for t in transactions
        ],
        "wallets": [
            {
                "user_email": w.user.email,
                "balance": str(w.balance),
                "currency": w.currency,
                "entries": [
                    {
                        "kind": e.kind,
                        "amount": str(e.amount),
                        "balance_after": str(e.balance_after),
                        "currency": e.currency,
                        "reference": e.reference,
                        "description": e.description,
                        "created_at": _iso(e.created_at),
                    }
                    for e in w.entries.all()
                ],
            }
            for w in wallets
        ],
        "payment_methods": [
            {
                "user_email": m.user.email,
                "gateway": m.gateway,
                "method_type": m.method_type,
                "label": (m.details or {}).get("display")
                or m.get_method_type_display(),
                "is_default": m.is_default,
                "is_active": m.is_active,
                "created_at": _iso(m.created_at),
            }
            for m in methods
        ],
        "subscriptions": [
            {
                "user_email": s.user.email,
                "plan": s.plan.name,
                "status": s.status,
                "price": str(s.price),
                "currency": s.currency,
                "gateway": s.gateway,
                "current_period_start": _iso(s.current_period_start),
                "current_period_end": _iso(s.current_period_end),
                "cancel_at_period_end": s.cancel_at_period_end,
                "canceled_at": _iso(s.canceled_at),
            }
            for s in subscriptions
        ],
    }
