import pytest

from payments.tests import fakeserver


@pytest.fixture
def gateway_server():
    fake, server = fakeserver.start()
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def mpesa(gateway_server, settings):
    """Real (non-sandbox) Daraja adapter pointed at the local fake server."""
    settings.PAYMENTS_SANDBOX = False
    settings.MPESA_BASE_URL = gateway_server.url
    settings.MPESA_CONSUMER_KEY = "key"
    settings.MPESA_CONSUMER_SECRET = "secret"
    settings.MPESA_SHORTCODE = "174379"
    settings.MPESA_PASSKEY = (
        "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919"
    )
    settings.MPESA_CALLBACK_BASE_URL = "https://school.example.ke"
    settings.PAYMENTS_HTTP_TIMEOUT = 1.0
    gateway_server.answer(
        "GET",
        "/oauth/v1/generate",
        200,
        {"access_token": "SGWcJPtNtYNPGm6uSYR9yPYrAI3Bm", "expires_in": "3599"},
    )
    return gateway_server


@pytest.fixture
def stripe(gateway_server, settings):
    settings.STRIPE_API_BASE = gateway_server.url
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_secret"
    settings.PAYMENTS_HTTP_TIMEOUT = 1.0
    return gateway_server


@pytest.fixture
def paypal(gateway_server, settings):
    settings.PAYPAL_BASE_URL = gateway_server.url
    settings.PAYPAL_CLIENT_ID = "client"
    settings.PAYPAL_CLIENT_SECRET = "secret"
    settings.PAYPAL_WEBHOOK_ID = "WH-ID-1"
    settings.PAYPAL_KES_RATE = "129.00"
    settings.PAYPAL_CURRENCY = "USD"
    settings.PAYMENTS_HTTP_TIMEOUT = 1.0
    gateway_server.answer(
        "POST",
        "/v1/oauth2/token",
        200,
        {"access_token": "A21AA", "token_type": "Bearer", "expires_in": 32400},
    )
    return gateway_server


@pytest.fixture
def sandbox(settings):
    settings.PAYMENTS_SANDBOX = True
    return settings
