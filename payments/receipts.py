"""Receipts: a PDF per completed payment, emailed once."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction as db_transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from urbanhome.core.money import format_money

from .models import Transaction


def receipt_lines(tx: Transaction) -> list[tuple[str, str]]:
    """The receipt as (label, value) rows: the page and the PDF show the same."""
    meta = tx.transaction_metadata or {}
    rows = [
        (_("Receipt number"), tx.transaction_reference),
        (
            _("Date"),
            timezone.localtime(tx.paid_at or tx.created_at).strftime("%d %b %Y %H:%M"),
        ),
        (_("Paid by"), tx.user.display_name),
        (_("For"), meta.get("beneficiary", "")),
        (_("Item"), meta.get("description", "")),
        (_("Amount"), format_money(tx.amount, tx.currency)),
        (_("Paid with"), tx.get_gateway_display()),
    ]
    if meta.get("charged_amount"):
        rows.append(
            (
                _("Charged"),
                _("%(amount)s at %(rate)s KES each")
                % {
                    "amount": f"{meta.get('charged_currency')} {meta['charged_amount']}",
                    "rate": meta.get("conversion_rate", ""),
                },
            )
        )
    if tx.gateway_receipt and tx.gateway != "wallet":
        rows.append((_("Gateway receipt"), tx.gateway_receipt))
    rows.append((_("Status"), tx.get_status_display()))
    return rows


def receipt_pdf(tx: Transaction) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A5)
    width, height = A5
    y = height - 20 * mm
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(15 * mm, y, f"{settings.SITE_NAME}: " + _("Payment receipt"))
    y -= 12 * mm
    for label, value in receipt_lines(tx):
        pdf.setFont("Helvetica-Bold", 9)
        pdf.drawString(15 * mm, y, str(label))
        pdf.setFont("Helvetica", 9)
        pdf.drawString(50 * mm, y, str(value)[:70])
        y -= 7 * mm
    pdf.setFont("Helvetica", 8)
    pdf.drawString(15 * mm, 15 * mm, _("Thank you. Asante!"))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def receipt_email_send(*, transaction_id: str) -> bool:
    """Email the PDF receipt once; False when already sent or not completed."""
    with db_transaction.atomic():
        tx = (
            Transaction.objects.select_for_update()
            .select_related("user")
            .get(pk=transaction_id)
        )
        if tx.status != Transaction.Status.COMPLETED or tx.transaction_metadata.get(
            "receipt_emailed_at"
        ):
            return False
        tx.transaction_metadata = {
            **tx.transaction_metadata,
            "receipt_emailed_at": timezone.now().isoformat(),
        }
        tx.save(update_fields=["transaction_metadata", "updated_at"])
        if not tx.user.email or tx.user.email.endswith(
            settings.CHILD_LOGIN_EMAIL_DOMAIN
        ):
            return False
        message = EmailMessage(
            subject=f"{settings.SITE_NAME}: "
            + _("receipt %(ref)s") % {"ref": tx.transaction_reference},
            body=_(
                "We received %(amount)s for %(item)s. Your receipt is attached.\n\n"
                "See it online: %(url)s"
            )
            % {
                "amount": format_money(tx.amount, tx.currency),
                "item": tx.description,
                "url": f"{settings.SITE_URL}/payments/{tx.pk}/receipt/",
            },
            to=[tx.user.email],
        )
        message.attach(
            f"receipt-{tx.transaction_reference}.pdf",
            receipt_pdf(tx),
            "application/pdf",
        )
        # Sent inside the lock: a second worker waits and then sees the mark.
        message.send()
    return True
