"""Payment pages: the checkout → sandbox phone → receipt flow, and who may
open which URL (another family 404, anonymous to the login page)."""

import json
from decimal import Decimal

from django.test import Client

import pytest

from accounts.tests.factories import ParentFactory, StaffFactory, StudentFactory
from learning.models import Enrollment
from learning.tests.factories import CourseFactory
from payments.models import PaymentMethod, Transaction
from payments.services import (
    payment_method_add_phone,
    wallet_credit,
    wallet_get_or_create,
)
from payments.tests.factories import (
    SubscriptionFactory,
    SubscriptionPlanFactory,
    TransactionFactory,
)

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    client.get("/payments/wallet/")  # sets the CSRF cookie
    return client


def _post(client, url, data=None):
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""
    return client.post(url, data or {}, HTTP_X_CSRFTOKEN=token)


@pytest.fixture
def pending_enrollment(db):
    course = CourseFactory(published=True, platform=True, price=Decimal("1500.00"))
    child = StudentFactory()
    enrollment = Enrollment.objects.create(
        student=child,
        course=course,
        status=Enrollment.Status.PENDING_PAYMENT,
        payment_amount=course.price,
    )
    return enrollment


def _checkout_url(enrollment):
    return f"/payments/checkout/course_enrollment/{enrollment.pk}/"


def test_the_checkout_shows_what_for_whom_and_how_much(sandbox, pending_enrollment):
    parent = pending_enrollment.student.parent
    payment_method_add_phone(user=parent, phone="0722000111")

    response = _client(parent).get(_checkout_url(pending_enrollment))

    page = response.content.decode()
    assert response.status_code == 200
    assert pending_enrollment.course.title in page
    assert pending_enrollment.student.user.display_name in page
    assert "KES 1,500" in page and "Test mode" in page
    assert 'value="0722000111"' in page  # the saved phone, prefilled


def test_parent_pays_with_the_sandbox_phone_and_the_child_is_enrolled(
    sandbox, pending_enrollment, django_capture_on_commit_callbacks
):
    parent = pending_enrollment.student.parent
    client = _client(parent)

    response = _post(
        client,
        _checkout_url(pending_enrollment),
        {"method": "mpesa", "phone": "0712 345 678", "save_phone": "on"},
    )

    tx = Transaction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/payments/{tx.pk}/test-phone/"
    assert PaymentMethod.objects.filter(user=parent).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, response["Location"], {"choice": "approve"})
    assert response["Location"] == f"/payments/{tx.pk}/"
    status = json.loads(client.get(f"/payments/{tx.pk}/status/").content)
    assert status["status"] == "completed"
    assert client.get(f"/payments/{tx.pk}/").status_code == 302  # → receipt
    receipt = client.get(f"/payments/{tx.pk}/receipt/")
    assert "Payment received" in receipt.content.decode()
    pending_enrollment.refresh_from_db()
    assert pending_enrollment.status == Enrollment.Status.ACTIVE
    pdf = client.get(f"/payments/{tx.pk}/receipt.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"


def test_declining_on_the_test_phone_shows_the_reason_and_a_retry(
    sandbox, pending_enrollment
):
    client = _client(pending_enrollment.student.parent)
    response = _post(
        client,
        _checkout_url(pending_enrollment),
        {"method": "mpesa", "phone": "0712345678"},
    )

    _post(client, response["Location"], {"choice": "decline"})

    page = client.get(f"/payments/{Transaction.objects.get().pk}/").content.decode()
    assert "You cancelled the request." in page and "Try again" in page
    pending_enrollment.refresh_from_db()
    assert pending_enrollment.status == Enrollment.Status.PENDING_PAYMENT


def test_a_bad_phone_is_a_form_error_and_records_nothing(sandbox, pending_enrollment):
    client = _client(pending_enrollment.student.parent)

    response = _post(
        client, _checkout_url(pending_enrollment), {"method": "mpesa", "phone": "12345"}
    )

    assert response.status_code == 200
    assert "Kenyan mobile number" in response.content.decode()
    assert not Transaction.objects.exists()


def test_no_method_chosen_is_a_form_error(sandbox, pending_enrollment):
    client = _client(pending_enrollment.student.parent)

    response = _post(client, _checkout_url(pending_enrollment), {"method": "bitcoin"})

    assert response.status_code == 200 and not Transaction.objects.exists()


def test_the_wallet_is_offered_only_when_it_covers_the_amount(
    sandbox, pending_enrollment
):
    parent = pending_enrollment.student.parent
    wallet = wallet_get_or_create(user=parent)
    wallet_credit(
        wallet=wallet, amount=Decimal("1000.00"), kind="top_up", reference="a"
    )
    client = _client(parent)
    assert (
        'value="wallet"'
        not in client.get(_checkout_url(pending_enrollment)).content.decode()
    )

    wallet_credit(wallet=wallet, amount=Decimal("500.00"), kind="top_up", reference="b")
    response = _post(client, _checkout_url(pending_enrollment), {"method": "wallet"})

    tx = Transaction.objects.get()
    assert response["Location"] == f"/payments/{tx.pk}/receipt/"
    wallet.refresh_from_db()
    assert wallet.balance == Decimal("0.00")
    pending_enrollment.refresh_from_db()
    assert pending_enrollment.status == Enrollment.Status.ACTIVE


def test_the_mpesa_callback_url_answers_as_daraja_expects(sandbox, pending_enrollment):
    client = Client(enforce_csrf_checks=True)

    unknown = client.post(
        "/payments/mpesa/callback/nope/",
        json.dumps(
            {"Body": {"stkCallback": {"CheckoutRequestID": "x", "ResultCode": 1032}}}
        ),
        content_type="application/json",
    )
    malformed = client.post(
        "/payments/mpesa/callback/nope/", "garbage", content_type="application/json"
    )

    assert unknown.status_code == 200
    assert unknown.json() == {"ResultCode": 0, "ResultDesc": "Accepted"}
    assert malformed.status_code == 400
    assert client.get("/payments/mpesa/callback/nope/").status_code == 405


def test_the_wallet_top_up_goes_to_the_checkout(sandbox):
    parent = ParentFactory()
    client = _client(parent)

    response = _post(client, "/payments/wallet/", {"amount": "500"})
    assert response["Location"] == "/payments/checkout/wallet_topup/500/"
    bad = _post(client, "/payments/wallet/", {"amount": "5"})
    assert (
        bad.status_code == 200 and "greater than or equal to 10" in bad.content.decode()
    )
    assert client.get("/payments/checkout/wallet_topup/5/").status_code == 404


def test_saved_methods_can_be_added_made_default_and_removed(sandbox):
    parent = ParentFactory()
    client = _client(parent)

    _post(client, "/payments/methods/", {"phone": "0712345678"})
    _post(client, "/payments/methods/", {"phone": "0722000111", "make_default": "on"})
    first, second = PaymentMethod.objects.order_by("created_at")
    assert (first.is_default, second.is_default) == (False, True)
    assert "0712345678" not in json.dumps(first.details)  # encrypted
    _post(client, f"/payments/methods/{first.pk}/default/")
    _post(client, f"/payments/methods/{second.pk}/remove/")

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_default and not second.is_active
    bad = _post(client, "/payments/methods/", {"phone": "999"})
    assert "Kenyan mobile number" in bad.content.decode()


def test_subscriptions_can_be_cancelled_and_resumed(sandbox):
    sub = SubscriptionFactory()
    client = _client(sub.user)

    _post(client, f"/payments/subscriptions/{sub.pk}/cancel/")
    sub.refresh_from_db()
    assert sub.cancel_at_period_end
    _post(client, f"/payments/subscriptions/{sub.pk}/resume/")
    sub.refresh_from_db()
    assert not sub.cancel_at_period_end
    page = client.get("/payments/subscriptions/").content.decode()
    assert sub.plan.name in page


def test_the_plan_already_held_says_your_current_plan_instead_of_subscribe(sandbox):
    sub = SubscriptionFactory()
    other = SubscriptionPlanFactory(name="Family Yearly")
    client = _client(sub.user)

    page = client.get("/payments/subscriptions/").content.decode()

    assert "Your current plan" in page
    assert f"/payments/checkout/subscription/{sub.plan.pk}/" not in page
    assert f"/payments/checkout/subscription/{other.pk}/" in page


def test_an_ended_subscription_s_plan_can_be_subscribed_again(sandbox):
    sub = SubscriptionFactory(status="expired")
    client = _client(sub.user)

    page = client.get("/payments/subscriptions/").content.decode()

    assert "Your current plan" not in page
    assert f"/payments/checkout/subscription/{sub.plan.pk}/" in page


def test_the_checkout_of_the_current_plan_goes_back_to_subscriptions_saying_why(
    sandbox,
):
    sub = SubscriptionFactory()
    client = _client(sub.user)

    response = client.get(f"/payments/checkout/subscription/{sub.plan.pk}/")

    assert response.status_code == 302
    assert response["Location"] == "/payments/subscriptions/"
    page = client.get(response["Location"]).content.decode()
    assert "You already subscribe to this plan" in page
    assert not Transaction.objects.exists()


def test_the_checkout_of_someone_else_s_plan_still_sells_it(sandbox):
    sub = SubscriptionFactory()
    client = _client(ParentFactory())

    response = client.get(f"/payments/checkout/subscription/{sub.plan.pk}/")

    assert response.status_code == 200


# ------------------------------------------------------------- permissions
@pytest.fixture
def world(sandbox, pending_enrollment):
    parent = pending_enrollment.student.parent
    tx = TransactionFactory(
        user=parent,
        status="completed",
        gateway="mpesa",
        callback_token="tok",
        transaction_metadata={"purpose": "course_enrollment", "description": "X"},
    )
    method = payment_method_add_phone(user=parent, phone="0712345678")
    sub = SubscriptionFactory(user=parent, plan=SubscriptionPlanFactory())
    return {
        "parent": parent,
        "child": pending_enrollment.student.user,
        "other_parent": ParentFactory(),
        "staff": StaffFactory(),
        "urls_get": [
            _checkout_url(pending_enrollment),
            f"/payments/{tx.pk}/",
            f"/payments/{tx.pk}/status/",
            f"/payments/{tx.pk}/receipt/",
            f"/payments/{tx.pk}/receipt.pdf",
            f"/payments/{tx.pk}/test-phone/",
        ],
        "urls_post": [
            f"/payments/methods/{method.pk}/remove/",
            f"/payments/subscriptions/{sub.pk}/cancel/",
        ],
        "method": method,
        "sub": sub,
    }


@pytest.mark.parametrize("actor", ["other_parent", "child", "staff"])
def test_other_people_get_404_on_every_payment_url(world, actor):
    client = _client(world[actor])

    for url in world["urls_get"]:
        assert client.get(url).status_code == 404, url
    for url in world["urls_post"]:
        assert _post(client, url).status_code == 404, url
    world["method"].refresh_from_db()
    world["sub"].refresh_from_db()
    assert world["method"].is_active and not world["sub"].cancel_at_period_end


def test_anonymous_users_go_to_the_login_page(world):
    client = Client()
    own_pages = ["/payments/wallet/", "/payments/methods/", "/payments/subscriptions/"]

    for url in world["urls_get"] + own_pages:
        response = client.get(url)
        assert (
            response.status_code == 302 and "/accounts/login/" in response["Location"]
        ), url


def test_a_child_cannot_pay_even_for_a_subscription(world):
    plan = SubscriptionPlanFactory()
    client = _client(world["child"])

    assert client.get(f"/payments/checkout/subscription/{plan.pk}/").status_code == 404
    assert client.get("/payments/checkout/wallet_topup/500/").status_code == 404


def test_the_parent_dashboard_pay_button_opens_the_checkout(world, pending_enrollment):
    page = _client(world["parent"]).get("/dashboard/").content.decode()

    assert _checkout_url(pending_enrollment) in page


def test_the_pending_page_polls_with_a_static_script_and_refreshes_without_js(
    sandbox, pending_enrollment
):
    client = _client(pending_enrollment.student.parent)
    response = _post(
        client,
        _checkout_url(pending_enrollment),
        {"method": "mpesa", "phone": "0712345678"},
    )
    tx = Transaction.objects.get()

    page = client.get(f"/payments/{tx.pk}/").content.decode()

    assert "js/payment-status.js" in page and "<script>" not in page
    assert '<noscript><meta http-equiv="refresh"' in page
    assert response.status_code == 302


def test_payment_pages_keep_a_constant_number_of_queries(
    sandbox, pending_enrollment, django_assert_max_num_queries
):
    parent = pending_enrollment.student.parent
    wallet = wallet_get_or_create(user=parent)
    for n in range(30):
        wallet_credit(
            wallet=wallet, amount=Decimal("10.00"), kind="top_up", reference=f"q{n}"
        )
    for n in range(5):
        payment_method_add_phone(user=parent, phone=f"07120000{n:02d}")
    client = _client(parent)

    for url in (
        _checkout_url(pending_enrollment),
        "/payments/wallet/",
        "/payments/methods/",
        "/payments/subscriptions/",
    ):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200


def test_the_wallet_history_is_paged_and_shows_only_the_users_own_entries(
    sandbox, django_assert_max_num_queries
):
    parent = ParentFactory()
    wallet = wallet_get_or_create(user=parent)
    for n in range(30):
        wallet_credit(
            wallet=wallet, amount=Decimal("10.00"), kind="top_up", reference=f"w-{n}"
        )
    other = wallet_get_or_create(user=ParentFactory())
    wallet_credit(
        wallet=other,
        amount=Decimal("99.00"),
        kind="top_up",
        reference="other-1",
        description="Someone else's top-up",
    )
    client = _client(parent)

    with django_assert_max_num_queries(12):
        first = client.get("/payments/wallet/")
    second = client.get("/payments/wallet/?page=2")

    body = first.content.decode()
    assert "KES 300" in body  # the balance tile
    assert body.count("<tr><td>") == 25
    assert second.content.decode().count("<tr><td>") == 5
    assert "Someone else" not in body + second.content.decode()


def test_the_wallet_page_of_a_user_without_a_wallet_shows_an_empty_state(sandbox):
    response = _client(ParentFactory()).get("/payments/wallet/?page=abc")

    assert response.status_code == 200
    assert "No wallet activity yet" in response.content.decode()


def test_every_payment_page_says_test_mode_in_sandbox(sandbox):
    client = _client(ParentFactory())

    for url in ("/payments/wallet/", "/payments/methods/", "/payments/subscriptions/"):
        assert "Test mode" in client.get(url).content.decode()
