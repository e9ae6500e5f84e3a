"""Money: gateway transactions, wallets with their ledger, saved methods, plans."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from urbanhome.core.models import BaseModel

ZERO = Decimal("0.00")


class Gateway(models.TextChoices):
    MPESA = "mpesa", _("M-Pesa")
    PAYPAL = "paypal", _("PayPal")
    STRIPE = "stripe", _("Stripe")


class Purpose(models.TextChoices):
    """What a payment is for: `transaction_metadata["purpose"]`."""

    COURSE_ENROLLMENT = "course_enrollment", _("Course enrolment")
    STORE_ORDER = "store_order", _("Store order")
    SUBSCRIPTION = "subscription", _("Subscription")
    WALLET_TOPUP = "wallet_topup", _("Wallet top-up")


# The purposes a payment can be started for today; the system check
# payments.E001 holds each to having a fulfilment handler. The store
# checkout sells nothing yet (only the demo data holds such payments,
# already settled): it joins this set with its real handler when it lands.
PURPOSES_ON_SALE = frozenset(
    {Purpose.COURSE_ENROLLMENT, Purpose.SUBSCRIPTION, Purpose.WALLET_TOPUP}
)


class TransactionGateway(models.TextChoices):
    """Where a transaction's money came from: a gateway or the user's wallet."""

    MPESA = "mpesa", _("M-Pesa")
    PAYPAL = "paypal", _("PayPal")
    STRIPE = "stripe", _("Card (Stripe)")
    WALLET = "wallet", _("Wallet")


# What a subscription plan can unlock; user_has_feature() answers for these.
class Feature(models.TextChoices):
    ALL_COURSES = "all_courses", _("All premium courses")
    UNLIMITED_TUTOR = "unlimited_tutor", _("Unlimited AI tutor messages")
    PARENT_REPORTS = "parent_reports", _("Parent progress reports")


def validate_entitlements(value) -> None:
    """A plan's entitlements: a list of known Feature keys."""
    if not isinstance(value, list) or any(v not in Feature.values for v in value):
        raise ValidationError(
            _("Entitlements must be a list of: %(keys)s."),
            code="invalid_entitlements",
            params={"keys": ", ".join(Feature.values)},
        )


class Transaction(BaseModel):
    """One payment attempt through a gateway; settled only by a verified signal."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        COMPLETED = "completed", _("Completed")
        FAILED = "failed", _("Failed")
        REFUNDED = "refunded", _("Refunded")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="transactions"
    )
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="KES", db_default="KES")
    gateway = models.CharField(
        max_length=20, choices=TransactionGateway.choices, db_index=True
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_default="pending",
        db_index=True,
    )
    transaction_reference = models.CharField(max_length=255, unique=True)
    # purpose (a Purpose value), the purchased object's id, and the gateway's
    # own ids and callback payloads.
    transaction_metadata = models.JSONField(default=dict, db_default={}, blank=True)
    # The gateway's id for this attempt (M-Pesa CheckoutRequestID, Stripe
    # Checkout Session id, PayPal order id): how callbacks find the row.
    gateway_reference = models.CharField(
        max_length=255, null=True, blank=True, unique=True
    )
    # The gateway's proof of payment (M-Pesa receipt number, Stripe
    # PaymentIntent, PayPal capture id): unique, so one receipt pays once.
    gateway_receipt = models.CharField(
        max_length=255, null=True, blank=True, unique=True
    )
    # Secret part of the M-Pesa callback URL (Daraja does not sign callbacks).
    callback_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "transactions"
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["user", "status"], name="idx_transactions_user_status"
            ),
            models.Index(
                fields=["gateway", "status"], name="idx_transactions_gateway_status"
            ),
            models.Index(
                F("created_at").desc(), name="idx_transactions_created_at_desc"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="transactions_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(gateway__in=["mpesa", "paypal", "stripe", "wallet"]),
                name="transactions_gateway_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "completed", "failed", "refunded"]),
                name="transactions_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.transaction_reference} · {self.currency} {self.amount} ({self.status})"

    @property
    def purpose(self) -> str:
        return (self.transaction_metadata or {}).get("purpose", "")

    @property
    def description(self) -> str:
        return (self.transaction_metadata or {}).get("description", "")


class Wallet(BaseModel):
    """A user's stored balance; it moves only together with a WalletEntry row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wallet"
    )
    balance = models.DecimalField(
        max_digits=10, decimal_places=2, default=ZERO, db_default=ZERO
    )
    currency = models.CharField(max_length=3, default="KES", db_default="KES")

    class Meta:
        db_table = "wallets"
        constraints = [
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="wallets_balance_nonnegative"
            ),
        ]

    def __str__(self):
        return f"{self.user.email}: {self.currency} {self.balance}"


class WalletEntry(BaseModel):
    """The wallet ledger: the balance is always the sum of these amounts."""

    class Kind(models.TextChoices):
        TOP_UP = "top_up", _("Top-up")
        PURCHASE = "purchase", _("Purchase")
        REFUND = "refund", _("Refund")
        ADJUSTMENT = "adjustment", _("Adjustment")

    wallet = models.ForeignKey(Wallet, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    balance_after = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="KES", db_default="KES")
    reference = models.CharField(max_length=100, unique=True)
    transaction = models.ForeignKey(
        Transaction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wallet_entries",
    )
    description = models.CharField(
        max_length=255, blank=True, default="", db_default=""
    )

    class Meta:
        db_table = "wallet_entries"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(amount=0), name="wallet_entries_nonzero"
            ),
            models.CheckConstraint(
                condition=Q(balance_after__gte=0), name="wallet_entries_balance_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["top_up", "purchase", "refund", "adjustment"]),
                name="wallet_entries_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.amount} {self.currency}"


class PaymentMethod(BaseModel):
    """A saved way to pay (M-Pesa phone, card token, PayPal account)."""

    class MethodType(models.TextChoices):
        PHONE = "phone", _("Phone (M-Pesa)")
        CARD = "card", _("Card")
        PAYPAL_ACCOUNT = "paypal_account", _("PayPal account")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="payment_methods",
    )
    gateway = models.CharField(max_length=20, choices=Gateway.choices)
    method_type = models.CharField(max_length=50, choices=MethodType.choices)
    # {"display": "M-Pesa ••• 678", "token": "<Fernet token of the secret part>"}:
    # only a masked label is kept in clear; numbers and gateway tokens are encrypted.
    details = models.JSONField(default=dict, db_default={}, blank=True)
    is_default = models.BooleanField(default=False, db_default=False)
    is_active = models.BooleanField(default=True, db_default=True)

    class Meta:
        db_table = "payment_methods"
        indexes = [
            models.Index(
                fields=["user", "is_active"], name="idx_payment_methods_user_active"
            ),
            models.Index(
                fields=["user", "is_default"], name="idx_payment_methods_user_default"
            ),
            models.Index(fields=["gateway"], name="idx_payment_methods_gateway"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(gateway__in=["mpesa", "paypal", "stripe"]),
                name="payment_methods_gateway_valid",
            ),
            models.CheckConstraint(
                condition=Q(method_type__in=["phone", "card", "paypal_account"]),
                name="payment_methods_type_valid",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(is_default=True, is_active=True),
                name="payment_methods_one_default_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.details.get('display') or self.get_method_type_display()} ({self.user.email})"


class SubscriptionPlan(BaseModel):
    """A plan families can subscribe to (e.g. Family Monthly)."""

    class Interval(models.TextChoices):
        MONTH = "month", _("Monthly")
        TERM = "term", _("Per school term")
        YEAR = "year", _("Yearly")

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, default="", db_default="")
    price = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3, default="KES", db_default="KES")
    interval = models.CharField(max_length=10, choices=Interval.choices)
    max_children = models.PositiveSmallIntegerField(default=1, db_default=1)
    # Bullet points shown to families.
    features = models.JSONField(default=list, db_default=[], blank=True)
    # What the plan unlocks (Feature keys), read by user_has_feature().
    entitlements = models.JSONField(
        default=list, db_default=[], blank=True, validators=[validate_entitlements]
    )
    is_active = models.BooleanField(default=True, db_default=True)
    display_order = models.IntegerField(default=0, db_default=0)

    class Meta:
        db_table = "subscription_plans"
        ordering = ["display_order", "price"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gte=0), name="subscription_plans_price_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(interval__in=["month", "term", "year"]),
                name="subscription_plans_interval_valid",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.currency} {self.price}/{self.interval})"


class Subscription(BaseModel):
    """A user's subscription to a plan, renewed each period."""

    class Status(models.TextChoices):
        TRIALING = "trialing", _("Trialing")
        ACTIVE = "active", _("Active")
        PAST_DUE = "past_due", _("Past due")
        CANCELED = "canceled", _("Canceled")
        EXPIRED = "expired", _("Expired")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions"
    )
    plan = models.ForeignKey(
        SubscriptionPlan, on_delete=models.PROTECT, related_name="subscriptions"
    )
    status = models.CharField(max_length=20, choices=Status.choices, db_index=True)
    price = models.DecimalField(
        max_digits=10, decimal_places=2, help_text=_("Price locked at sign-up.")
    )
    currency = models.CharField(max_length=3, default="KES", db_default="KES")
    gateway = models.CharField(
        max_length=20, choices=Gateway.choices, null=True, blank=True
    )
    gateway_subscription_id = models.CharField(
        max_length=255, null=True, blank=True, unique=True
    )
    current_period_start = models.DateTimeField()
    current_period_end = models.DateTimeField()
    cancel_at_period_end = models.BooleanField(default=False, db_default=False)
    canceled_at = models.DateTimeField(null=True, blank=True)
    # When the renewal first failed; access lasts SUBSCRIPTION_GRACE_DAYS more.
    past_due_since = models.DateTimeField(null=True, blank=True)
    # The period end the renewal reminder was sent for (one reminder a period).
    reminded_for_period_end = models.DateTimeField(null=True, blank=True)
    last_transaction = models.ForeignKey(
        Transaction, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "subscriptions"
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["status", "current_period_end"],
                name="subscriptions_renewal_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=["trialing", "active", "past_due", "canceled", "expired"]
                ),
                name="subscriptions_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(gateway__isnull=True)
                | Q(gateway__in=["mpesa", "paypal", "stripe"]),
                name="subscriptions_gateway_valid",
            ),
            models.CheckConstraint(
                condition=Q(current_period_end__gt=F("current_period_start")),
                name="subscriptions_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(price__gte=0), name="subscriptions_price_nonneg"
            ),
            models.UniqueConstraint(
                fields=["user", "plan"],
                condition=Q(status__in=["trialing", "active", "past_due"]),
                name="subscriptions_one_live_per_plan",
            ),
        ]

    def __str__(self):
        return f"{self.user.email} · {self.plan.name} ({self.status})"


# Statuses in which a subscription still counts as the user's plan (one per
# plan: subscriptions_one_live_per_plan); it can then not be bought again.
SUBSCRIPTION_LIVE = (
    Subscription.Status.TRIALING,
    Subscription.Status.ACTIVE,
    Subscription.Status.PAST_DUE,
)
