"""Payment pages, and the endpoints gateways call.

Views that call a gateway are `non_atomic_requests` (ATOMIC_REQUESTS is on):
the services commit the intent before the call and settle after it, so no
database lock is held while waiting for M-Pesa, Stripe or PayPal.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.selectors import user_is_managed_child
from urbanhome.core.money import format_money

from . import selectors
from .forms import CheckoutForm, PhoneMethodForm, TopUpForm
from .fulfilment import describe_purchase
from .gateways import SignatureError, available_gateways
from .gateways.mpesa import callback_body, whole_shillings
from .models import ZERO, Transaction
from .receipts import receipt_lines, receipt_pdf
from .services import (
    gateway_webhook_process,
    mpesa_callback_process,
    payment_method_add_phone,
    payment_method_deactivate,
    payment_method_default_phone,
    payment_method_set_default,
    subscription_cancel,
    subscription_resume,
    transaction_initiate,
    transaction_query,
    transaction_start,
    wallet_pay,
)

logger = logging.getLogger("payments")

WALLET_PAGE_SIZE = 25

METHOD_LABELS = {
    "mpesa": _("M-Pesa"),
    "stripe": _("Card (Visa, Mastercard)"),
    "paypal": _("PayPal"),
    "wallet": _("Wallet"),
}


def _purchase_or_404(request, purpose: str, target: str):
    if user_is_managed_child(user=request.user):
        raise Http404  # a child asks their parent; the parent pays
    purchase = describe_purchase(purpose=purpose, target_id=target, user=request.user)
    if purchase is None:
        raise Http404
    return purchase


def _methods(request, purchase) -> list[tuple[str, str]]:
    methods = [(name, str(METHOD_LABELS[name])) for name in available_gateways()]
    wallet = selectors.wallet_for_user(user=request.user)
    if (
        purchase.purpose != "wallet_topup"
        and wallet is not None
        and wallet.balance >= purchase.amount
    ):
        methods.append(("wallet", str(METHOD_LABELS["wallet"])))
    return methods


@login_required
@transaction.non_atomic_requests
def checkout(request, purpose, target):
    if (
        purpose == "subscription"
        and not user_is_managed_child(user=request.user)
        and target.lower() in selectors.plan_ids_subscribed(user=request.user)
    ):
        # A bookmarked or shared link to a plan already held: say so, not 404.
        messages.info(
            request, _("You already subscribe to this plan: it is your current plan.")
        )
        return redirect("payments:subscriptions")
    purchase = _purchase_or_404(request, purpose, target)
    if purchase.plan_url:
        # The payer's plan already includes it: nothing to pay, one button.
        return render(
            request,
            "payments/checkout.html",
            {"purchase": purchase, "summary": _summary(purchase)},
        )
    methods = _methods(request, purchase)
    saved = payment_method_default_phone(user=request.user)  # 2547XXXXXXXX
    form = CheckoutForm(
        request.POST or None,
        methods=methods,
        initial={"phone": f"0{saved[3:]}" if saved else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            return _pay(request, purchase, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
    return render(
        request,
        "payments/checkout.html",
        {
            "form": form,
            "purchase": purchase,
            "summary": _summary(purchase),
            "whole_shillings_only": purchase.amount != purchase.amount.to_integral(),
        },
    )


def _summary(purchase) -> list[tuple[str, str]]:
    """The checkout's "what you are paying for" rows."""
    return [
        (_("For"), purchase.beneficiary),
        (
            _("Amount"),
            _("Included in your plan")
            if purchase.plan_url
            else format_money(purchase.amount, purchase.currency),
        ),
    ]


def _pay(request, purchase, data):
    user, method = request.user, data["method"]
    if method == "wallet":
        tx = wallet_pay(user=user, purchase=purchase)
        messages.success(request, _("Paid from your wallet."))
        return redirect("payments:receipt", pk=tx.pk)
    tx = transaction_initiate(
        user=user,
        purchase=purchase,
        gateway=method,
        phone=data.get("phone", ""),
        save_card=bool(data.get("save_card")),
    )
    if method == "mpesa" and data.get("save_phone"):
        payment_method_add_phone(user=user, phone=data["phone"])
    pending = request.build_absolute_uri(reverse("payments:pending", args=[tx.pk]))
    back = request.build_absolute_uri(request.path)
    success = (
        request.build_absolute_uri(reverse("payments:paypal_return", args=[tx.pk]))
        if method == "paypal"
        else pending
    )
    url = transaction_start(
        transaction=tx,
        phone=data.get("phone", ""),
        success_url=success,
        cancel_url=back,
    )
    return redirect(url or reverse("payments:pending", args=[tx.pk]))


def _status(tx: Transaction) -> dict:
    return {
        "status": tx.status,
        "message": tx.transaction_metadata.get("failure_reason", ""),
        "receipt_url": reverse("payments:receipt", args=[tx.pk])
        if tx.status == Transaction.Status.COMPLETED
        else "",
    }


@login_required
@require_GET
def pending(request, pk):
    tx = selectors.transaction_get_for_user(user=request.user, pk=pk)
    if tx.status == Transaction.Status.COMPLETED:
        return redirect("payments:receipt", pk=tx.pk)
    meta = tx.transaction_metadata
    return render(
        request,
        "payments/pending.html",
        {
            "tx": tx,
            "status": _status(tx),
            "summary": [
                (_("Amount"), format_money(tx.amount, tx.currency)),
                (_("Paid with"), tx.get_gateway_display()),
                (_("For"), meta.get("beneficiary", "")),
                (_("Reference"), tx.transaction_reference),
            ],
            "retry_url": reverse(
                "payments:checkout", args=[meta.get("purpose"), meta.get("target_id")]
            )
            if meta.get("purpose") and meta.get("target_id")
            else "",
            "sandbox_url": reverse("payments:sandbox_mpesa", args=[tx.pk])
            if settings.PAYMENTS_SANDBOX and tx.gateway == "mpesa"
            else "",
        },
    )


@login_required
@require_GET
def status(request, pk):
    tx = selectors.transaction_get_for_user(user=request.user, pk=pk)
    return JsonResponse(_status(tx), headers={"Cache-Control": "no-store"})


@login_required
@require_GET
def receipt(request, pk):
    tx = selectors.transaction_get_for_user(user=request.user, pk=pk)
    if tx.status not in (Transaction.Status.COMPLETED, Transaction.Status.REFUNDED):
        raise Http404
    return render(
        request,
        "payments/receipt.html",
        {
            "tx": tx,
            "rows": receipt_lines(tx),
            "next_url": tx.transaction_metadata.get("next_url", ""),
        },
    )


@login_required
@require_GET
def receipt_download(request, pk):
    tx = selectors.transaction_get_for_user(user=request.user, pk=pk)
    if tx.status not in (Transaction.Status.COMPLETED, Transaction.Status.REFUNDED):
        raise Http404
    response = HttpResponse(receipt_pdf(tx), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="receipt-{tx.transaction_reference}.pdf"'
    )
    return response


@login_required
@transaction.non_atomic_requests
def sandbox_mpesa(request, pk):
    """The simulated phone prompt (sandbox only): approve or decline."""
    if not settings.PAYMENTS_SANDBOX:
        raise Http404
    tx = selectors.transaction_get_for_user(user=request.user, pk=pk)
    if tx.gateway != "mpesa":
        raise Http404
    if request.method == "POST" and tx.status == Transaction.Status.PENDING:
        approve = request.POST.get("choice") == "approve"
        body = callback_body(
            checkout_request_id=tx.gateway_reference or "",
            result_code=0 if approve else 1032,
            amount=whole_shillings(tx.amount),
            receipt="S" + secrets.token_hex(5).upper()[:9],
            phone=tx.transaction_metadata.get("msisdn", ""),
        )
        # The very code a real Daraja callback runs.
        mpesa_callback_process(token=tx.callback_token, body=body)
        return redirect("payments:pending", pk=tx.pk)
    return render(request, "payments/sandbox_mpesa.html", {"tx": tx})


@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def mpesa_callback(request, token):
    if not mpesa_callback_process(token=token, body=request.body):
        return HttpResponseBadRequest("not an STK callback")
    return JsonResponse({"ResultCode": 0, "ResultDesc": "Accepted"})


def _webhook(request, gateway: str):
    try:
        gateway_webhook_process(
            gateway=gateway, body=request.body, headers=request.headers
        )
    except SignatureError as error:
        logger.warning("%s webhook refused: %s", gateway, error)
        return HttpResponseBadRequest("invalid signature")
    return HttpResponse("ok")


@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def stripe_webhook(request):
    return _webhook(request, "stripe")


@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def paypal_webhook(request):
    return _webhook(request, "paypal")


@login_required
@require_GET
@transaction.non_atomic_requests
def paypal_return(request, pk):
    """Back from PayPal's approval page: capture on the server, then wait."""
    tx = selectors.transaction_get_for_user(user=request.user, pk=pk)
    if tx.status == Transaction.Status.PENDING and tx.gateway == "paypal":
        try:
            transaction_query(transaction=tx)
        except Exception:  # noqa: BLE001  the pending page and reconciliation retry
            logger.exception("PayPal capture for %s failed", tx.transaction_reference)
    return redirect("payments:pending", pk=tx.pk)


@login_required
def wallet(request):
    form = TopUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        amount = int(form.cleaned_data["amount"])
        return redirect("payments:checkout", purpose="wallet_topup", target=amount)
    wallet = selectors.wallet_for_user(user=request.user)
    return render(
        request,
        "payments/wallet.html",
        {
            "form": form,
            "balance": format_money(
                wallet.balance if wallet else ZERO, wallet.currency if wallet else "KES"
            ),
            "page": Paginator(
                selectors.wallet_entry_list_for_user(user=request.user),
                WALLET_PAGE_SIZE,
            ).get_page(request.GET.get("page")),
        },
    )


@login_required
def methods(request):
    form = PhoneMethodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        payment_method_add_phone(
            user=request.user,
            phone=form.cleaned_data["phone"],
            make_default=form.cleaned_data["make_default"],
        )
        messages.success(request, _("Phone number saved."))
        return redirect("payments:methods")
    return render(
        request,
        "payments/methods.html",
        {
            "form": form,
            "methods": selectors.payment_methods_for_user(user=request.user),
        },
    )


@login_required
@require_POST
def method_action(request, pk, action):
    if action not in ("default", "remove"):
        raise Http404
    method = selectors.payment_method_get_for_user(user=request.user, pk=pk)
    if action == "default":
        payment_method_set_default(method=method, by=request.user)
        messages.success(request, _("Default payment method changed."))
    else:
        payment_method_deactivate(method=method, by=request.user)
        messages.success(request, _("Payment method removed."))
    return redirect("payments:methods")


@login_required
def subscriptions(request):
    subscriptions = selectors.subscriptions_with_places(user=request.user)
    plans = list(selectors.plans_active())
    current = selectors.plan_ids_subscribed(user=request.user)
    for plan in plans:
        plan.is_current = str(plan.pk) in current  # no second "Subscribe"
    return render(
        request,
        "payments/subscriptions.html",
        {
            "plans": plans,
            "subscriptions": subscriptions,
            "may_pay": not user_is_managed_child(user=request.user),
        },
    )


@login_required
@require_POST
def subscription_action(request, pk, action):
    if action not in ("cancel", "resume"):
        raise Http404
    sub = selectors.subscription_get_for_user(user=request.user, pk=pk)
    service = subscription_cancel if action == "cancel" else subscription_resume
    try:
        service(subscription=sub, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("Your subscription will end at the close of this period.")
            if action == "cancel"
            else _("Your subscription will renew as usual."),
        )
    return redirect("payments:subscriptions")
