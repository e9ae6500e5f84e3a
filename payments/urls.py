from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path(
        "payments/checkout/<slug:purpose>/<str:target>/",
        views.checkout,
        name="checkout",
    ),
    path("payments/<uuid:pk>/", views.pending, name="pending"),
    path("payments/<uuid:pk>/status/", views.status, name="status"),
    path("payments/<uuid:pk>/receipt/", views.receipt, name="receipt"),
    path("payments/<uuid:pk>/receipt.pdf", views.receipt_download, name="receipt_pdf"),
    path("payments/<uuid:pk>/test-phone/", views.sandbox_mpesa, name="sandbox_mpesa"),
    path(
        "payments/<uuid:pk>/paypal/return/", views.paypal_return, name="paypal_return"
    ),
    path(
        "payments/mpesa/callback/<str:token>/",
        views.mpesa_callback,
        name="mpesa_callback",
    ),
    path("payments/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("payments/paypal/webhook/", views.paypal_webhook, name="paypal_webhook"),
    path("payments/wallet/", views.wallet, name="wallet"),
    path("payments/methods/", views.methods, name="methods"),
    path(
        "payments/methods/<uuid:pk>/<slug:action>/",
        views.method_action,
        name="method_action",
    ),
    path("payments/subscriptions/", views.subscriptions, name="subscriptions"),
    path(
        "payments/subscriptions/<uuid:pk>/<slug:action>/",
        views.subscription_action,
        name="subscription_action",
    ),
]
