"""The certificate as a printable PDF (ReportLab), with a QR code to verify it."""

from __future__ import annotations

from io import BytesIO

from django.conf import settings
from django.utils import timezone

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from urbanhome.core.cbc import RUBRIC_4

from .models import Certificate

GREEN = colors.HexColor("#0b6e4f")
GOLD = colors.HexColor("#f2a541")
RUBRIC_NAMES = {level.code: level.name for level in RUBRIC_4}


def _fit(
    c: canvas.Canvas, text: str, font: str, size: float, max_width: float
) -> float:
    # Shrink long names/titles so they stay on the page.
    while size > 10 and c.stringWidth(text, font, size) > max_width:
        size -= 1
    return size


def certificate_pdf(*, certificate: Certificate, verify_url: str) -> bytes:
    """Return the certificate as PDF bytes (A4 landscape)."""
    buffer = BytesIO()
    width, height = landscape(A4)
    c = canvas.Canvas(buffer, pagesize=(width, height))
    c.setTitle(f"{settings.SITE_NAME} certificate {certificate.serial_number}")
    c.setAuthor(settings.SITE_NAME)

    c.setStrokeColor(GREEN)
    c.setLineWidth(6)
    c.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    c.setStrokeColor(GOLD)
    c.setLineWidth(2)
    c.rect(17 * mm, 17 * mm, width - 34 * mm, height - 34 * mm)

    centre = width / 2
    c.setFillColor(GREEN)
    c.setFont("Helvetica-Bold", 16)
    c.drawCentredString(centre, height - 40 * mm, settings.SITE_NAME.upper())
    c.setFont("Helvetica-Bold", 34)
    c.drawCentredString(centre, height - 58 * mm, "Certificate of Completion")

    c.setFillColor(colors.black)
    c.setFont("Helvetica", 14)
    c.drawCentredString(centre, height - 75 * mm, "This certifies that")
    size = _fit(c, certificate.student_name, "Helvetica-Bold", 28, width - 80 * mm)
    c.setFont("Helvetica-Bold", size)
    c.drawCentredString(centre, height - 90 * mm, certificate.student_name)
    c.setFont("Helvetica", 14)
    c.drawCentredString(
        centre, height - 103 * mm, "has successfully completed the course"
    )
    size = _fit(c, certificate.course_name, "Helvetica-Bold", 22, width - 80 * mm)
    c.setFont("Helvetica-Bold", size)
    c.drawCentredString(centre, height - 117 * mm, certificate.course_name)

    c.setFont("Helvetica", 12)
    completed = timezone.localtime(certificate.completion_date).strftime("%d %B %Y")
    lines = [f"Completed on {completed}"]
    if certificate.grade:
        name = RUBRIC_NAMES.get(certificate.grade, "")
        lines.append(f"CBC level: {certificate.grade}" + (f" ({name})" if name else ""))
    for offset, line in enumerate(lines):
        c.drawCentredString(centre, height - (132 + 7 * offset) * mm, line)

    qr_size = 34 * mm
    widget = QrCodeWidget(verify_url)
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(
        qr_size,
        qr_size,
        transform=[qr_size / (x2 - x1), 0, 0, qr_size / (y2 - y1), 0, 0],
    )
    drawing.add(widget)
    renderPDF.draw(drawing, c, width - 30 * mm - qr_size, 24 * mm)

    c.setFont("Helvetica", 9)
    c.setFillColor(colors.HexColor("#444444"))
    c.drawString(30 * mm, 32 * mm, f"Serial number: {certificate.serial_number}")
    c.drawString(30 * mm, 27 * mm, f"Verify at: {verify_url}")
    if not certificate.is_valid:
        c.setFillColor(colors.red)
        c.setFont("Helvetica-Bold", 14)
        c.drawString(30 * mm, 40 * mm, "REVOKED: this certificate is no longer valid.")
    c.showPage()
    c.save()
    return buffer.getvalue()
