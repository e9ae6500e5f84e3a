"""Payment pages have no serious/critical axe-core violations at 360 and 1280 px."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.pagecheck import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_payment_pages_are_accessible_on_phones_and_desktops(
    live_server, page, log_in, settings
):
    from accounts.tests.factories import StudentFactory
    from learning.models import Enrollment
    from learning.tests.factories import CourseFactory
    from payments.services import payment_method_add_phone
    from payments.tests.factories import SubscriptionPlanFactory

    settings.PAYMENTS_SANDBOX = True
    child = StudentFactory()
    course = CourseFactory(published=True, platform=True, price=Decimal("900.00"))
    enrollment = Enrollment.objects.create(
        student=child,
        course=course,
        status=Enrollment.Status.PENDING_PAYMENT,
        payment_amount=course.price,
    )
    SubscriptionPlanFactory(name="Family Monthly")
    payment_method_add_phone(user=child.parent, phone="0712345678")
    log_in(child.parent)
    url = live_server.url

    page.goto(f"{url}/payments/checkout/course_enrollment/{enrollment.pk}/")
    pages = {"checkout": page.url}
    page.get_by_role("button", name="Pay KES 900").click()
    expect(page).to_have_url(re.compile("/test-phone/$"))
    pages["test phone"] = page.url
    pages["pending"] = page.url.replace("test-phone/", "")
    pages["wallet"] = f"{url}/payments/wallet/"
    pages["methods"] = f"{url}/payments/methods/"
    pages["subscriptions"] = f"{url}/payments/subscriptions/"

    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for label, address in pages.items():
            page.goto(address)
            assert_accessible(page, label=f"{label} at {width}px")
    page.goto(pages["test phone"])
    page.get_by_role("button", name="Approve").click()
    expect(page).to_have_url(re.compile("/receipt/$"))
    assert_accessible(page, label="receipt")
