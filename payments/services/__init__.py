"""Payments services, re-exported: settlement, checkout, wallets, methods,
subscriptions, refunds, reconciliation."""

from .checkout import (
    gateway_webhook_process,
    mpesa_callback_process,
    transaction_initiate,
    transaction_query,
    transaction_start,
    wallet_pay,
)
from .methods import (
    payment_method_add_card,
    payment_method_add_paypal,
    payment_method_add_phone,
    payment_method_deactivate,
    payment_method_default_phone,
    payment_method_secret,
    payment_method_set_default,
)
from .reconcile import payments_reconcile
from .refunds import (
    refund_done_by,
    refund_message,
    transaction_mark_refunded,
    transaction_refund_execute,
    transaction_refund_request,
)
from .settlement import (
    alert_staff,
    transaction_apply_outcome,
    transaction_complete,
    transaction_fail,
)
from .subscriptions import (
    subscription_cancel,
    subscription_paid,
    subscription_purchase,
    subscription_refunded,
    subscription_remind,
    subscription_renew,
    subscription_resume,
    subscriptions_renew_due,
)
from .wallets import wallet_audit, wallet_credit, wallet_debit, wallet_get_or_create

__all__ = [
    "alert_staff",
    "gateway_webhook_process",
    "mpesa_callback_process",
    "payment_method_add_card",
    "payment_method_add_paypal",
    "payment_method_add_phone",
    "payment_method_deactivate",
    "payment_method_default_phone",
    "payment_method_secret",
    "payment_method_set_default",
    "payments_reconcile",
    "subscription_cancel",
    "subscription_paid",
    "subscription_purchase",
    "subscription_refunded",
    "subscription_remind",
    "subscription_renew",
    "subscription_resume",
    "subscriptions_renew_due",
    "transaction_apply_outcome",
    "transaction_complete",
    "transaction_fail",
    "transaction_initiate",
    "refund_done_by",
    "refund_message",
    "transaction_mark_refunded",
    "transaction_query",
    "transaction_refund_execute",
    "transaction_refund_request",
    "transaction_start",
    "wallet_audit",
    "wallet_credit",
    "wallet_debit",
    "wallet_get_or_create",
    "wallet_pay",
]
